namespace PgBeam.Benchmarks.ColdStart;

/// <summary>One fresh process: the client and its first call, in wall and CPU time, and the process's whole life.</summary>
public sealed record ColdStartResult(string Variant, int Run, double FirstCallMilliseconds, double FirstCallCpuMilliseconds, double ProcessMilliseconds);
