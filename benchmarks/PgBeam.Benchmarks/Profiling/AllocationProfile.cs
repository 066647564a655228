using System.Collections.Generic;

namespace PgBeam.Benchmarks.Profiling;

/// <summary>Estimated bytes per call by allocated type, for one case and variant.</summary>
public sealed record AllocationProfile(string Case, string Variant, int Calls, long Samples, IReadOnlyList<KeyValuePair<string, double>> BytesPerCallByType);
