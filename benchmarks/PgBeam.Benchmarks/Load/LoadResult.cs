namespace PgBeam.Benchmarks.Load;

/// <summary>One variant's measured window in one round of the concurrency case.</summary>
public sealed record LoadResult(
    string Variant,
    int Round,
    double Seconds,
    long Requests,
    long Errors,
    double RequestsPerSecond,
    double P50Milliseconds,
    double P99Milliseconds,
    double ClientCpuMicrosecondsPerRequest);
