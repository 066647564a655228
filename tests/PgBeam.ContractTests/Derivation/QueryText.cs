using System;
using System.Globalization;

namespace PgBeam.ContractTests.Derivation;

/// <summary>
/// How a C# value of a query parameter is written in the URL, stated independently of the SDK: date-times in the
/// round-trip form, dates as <c>yyyy-MM-dd</c>, numbers invariant, booleans lower case, enums as their wire value.
/// </summary>
internal static class QueryText
{
    public static string Of(object value) => value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        DateTimeOffset time => time.ToString("o", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        IFormattable number when value.GetType().IsPrimitive || value is decimal => number.ToString(null, CultureInfo.InvariantCulture),
        _ when RequestValues.IsExtensibleEnum(value.GetType()) => value.ToString()!,
        _ => throw new DerivationException($"QueryText does not know how a {value.GetType().Name} goes into a URL (tests/PgBeam.ContractTests/Derivation/QueryText.cs)."),
    };
}
