namespace PgBeam.Benchmarks.Reporting;

/// <summary>A goal of issue 11: the SDK's ratio to hand-written Newtonsoft for one measure of one case.</summary>
/// <param name="Case">The case's name (<see cref="Micro.Cases"/>).</param>
/// <param name="Measure">What is compared: time, bytes, throughput.</param>
/// <param name="Limit">The ratio the SDK must stay at or under (<paramref name="AtMost"/>), or at or above.</param>
/// <param name="AtMost">True for "at most" goals (time, bytes), false for "at least" (throughput).</param>
public sealed record Target(string Case, string Measure, double Limit, bool AtMost)
{
    public bool IsMet(double ratio) => AtMost ? ratio <= Limit : ratio >= Limit;

    public string Describe() => (AtMost ? "≤ " : "≥ ") + Limit.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "×";
}
