namespace PgBeam.Benchmarks.Running;

/// <summary>One BenchmarkDotNet row: a case and variant, its mean time and the bytes it allocates per operation.</summary>
public sealed record MicroResult(string Case, string Variant, double MeanNanoseconds, double StandardErrorNanoseconds, long AllocatedBytes);
