using System;
using System.Linq;

namespace PgBeam.ContractTests.Derivation;

/// <summary>Times and dates for parameters and properties: the end of the sample window for names that bound it from above.</summary>
internal static class SampleTimes
{
    private static readonly string[] UpperBoundWords = ["end", "to", "until", "before", "max"];

    public static DateTimeOffset For(string name)
    {
        var words = NameRules.Words(name);
        if (words.Any(w => w.StartsWith("expire", StringComparison.Ordinal)))
        {
            return SampleIds.Expiry;
        }

        return words.Any(UpperBoundWords.Contains) ? SampleIds.WindowEnd : SampleIds.WindowStart;
    }

    public static DateOnly DateFor(string name) => DateOnly.FromDateTime(For(name).UtcDateTime);
}
