using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PgBeam.Testing.Validation;

/// <summary>
/// The contract's <c>format: date-time</c>: a full RFC 3339 timestamp with its offset. A value without an offset
/// would otherwise be read in the machine's time zone, which a server never does.
/// </summary>
internal static partial class Rfc3339
{
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        return Shape().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>A timestamp as the sandbox writes one: UTC, to the millisecond (<c>2026-03-02T09:00:00.000Z</c>).</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Shape();
}
