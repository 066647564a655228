namespace PgBeam.Benchmarks.Micro;

/// <summary>
/// A variant's time per call in the interleaved pass: the median over rounds, and the median of its per-round
/// ratios to hand-written Newtonsoft measured in the same round.
/// </summary>
public sealed record InterleavedResult(string Case, string Variant, int Rounds, double MedianNanoseconds, double RatioToNewtonsoft);
