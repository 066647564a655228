using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace PgBeam.CodeGen.Naming;

/// <summary>
/// The naming rules that turn contract spellings into C# names. Words are split on any character that is not a
/// letter or a digit (<c>_</c>, <c>-</c>, <c>.</c>, <c>/</c>, spaces), on a lower-case letter followed by an upper-case
/// one, and before the last capital of an upper-case run that goes on in lower case (<c>SSLMode</c> is SSL, Mode).
/// A word in capitals becomes capitalised (<c>INVALID</c> → <c>Invalid</c>); any other word gets its first letter
/// upper-cased and keeps the rest. A leading number is spelled in English words, with a time unit written out when
/// the number carries one (<c>1h</c> → <c>OneHour</c>, <c>24h</c> → <c>TwentyFourHours</c>, <c>2fa</c> → <c>TwoFa</c>).
/// </summary>
internal static class NameRules
{
    private static readonly string[] Ones =
    [
        "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve",
        "Thirteen", "Fourteen", "Fifteen", "Sixteen", "Seventeen", "Eighteen", "Nineteen",
    ];

    private static readonly string[] Tens = ["", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety"];

    /// <summary>Time units a leading number may carry, with their singular and plural names.</summary>
    private static readonly Dictionary<string, (string One, string Many)> Units = new(StringComparer.Ordinal)
    {
        ["ms"] = ("Millisecond", "Milliseconds"),
        ["s"] = ("Second", "Seconds"),
        ["sec"] = ("Second", "Seconds"),
        ["m"] = ("Minute", "Minutes"),
        ["min"] = ("Minute", "Minutes"),
        ["h"] = ("Hour", "Hours"),
        ["hr"] = ("Hour", "Hours"),
        ["d"] = ("Day", "Days"),
        ["w"] = ("Week", "Weeks"),
        ["wk"] = ("Week", "Weeks"),
        ["mo"] = ("Month", "Months"),
        ["y"] = ("Year", "Years"),
        ["yr"] = ("Year", "Years"),
    };

    /// <summary>The words of <paramref name="value"/>, split as the class describes.</summary>
    public static IReadOnlyList<string> Words(string value)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            if (current.Length > 0)
            {
                var previous = value[i - 1];
                var lowerToUpper = char.IsUpper(c) && (char.IsLower(previous) || char.IsDigit(previous));
                var endOfCapitals = char.IsUpper(c) && char.IsUpper(previous) && i + 1 < value.Length && char.IsLower(value[i + 1]);
                if (lowerToUpper || endOfCapitals)
                {
                    Flush();
                }
            }

            current.Append(c);
        }

        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
    }

    /// <summary>PascalCase: <c>paused_for_billing</c> → <c>PausedForBilling</c>, <c>v2.beta</c> → <c>V2Beta</c>.</summary>
    public static string Pascal(string value)
    {
        var words = Words(value);
        var builder = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (i == 0 && char.IsDigit(word[0]))
            {
                builder.Append(LeadingNumber(word));
                continue;
            }

            builder.Append(Capitalise(word));
        }

        return builder.ToString();
    }

    /// <summary>camelCase: <c>If-None-Match</c> → <c>ifNoneMatch</c>, <c>project_id</c> → <c>projectId</c>.</summary>
    public static string Camel(string value)
    {
        var pascal = Pascal(value);
        if (pascal.Length == 0)
        {
            return pascal;
        }

        // Lower the leading run of capitals that forms the first word (IDs → ids, ETag → eTag stays readable).
        var firstWord = Words(value)[0];
        var lead = char.IsDigit(firstWord[0]) ? 1 : Math.Min(Capitalise(firstWord).Length, pascal.Length);
        return pascal[..lead].ToLowerInvariant() + pascal[lead..];
    }

    /// <summary>
    /// A type name in .NET style: PascalCase words, so an acronym of three or more capitals reads as a word
    /// (<c>SSLMode</c> → <c>SslMode</c>); two-letter acronyms and names already in that style stay as they are.
    /// </summary>
    public static string TypeName(string value)
    {
        var builder = new StringBuilder();
        foreach (var word in Words(value))
        {
            builder.Append(word.Length == 2 && word.All(char.IsUpper) ? word : Capitalise(word));
        }

        return builder.Length > 0 && char.IsDigit(builder[0]) ? Pascal(value) : builder.ToString();
    }

    /// <summary>The singular of an English plural, for array items: <c>audit_logs</c> → <c>audit_log</c>.</summary>
    public static string Singular(string plural)
    {
        if (plural.EndsWith("ies", StringComparison.Ordinal) && plural.Length > 3)
        {
            return plural[..^3] + "y";
        }

        foreach (var ending in new[] { "sses", "shes", "ches", "xes", "uses" })
        {
            if (plural.EndsWith(ending, StringComparison.Ordinal))
            {
                return plural[..^2];
            }
        }

        if (plural.EndsWith('s') && !plural.EndsWith("ss", StringComparison.Ordinal) && !plural.EndsWith("us", StringComparison.Ordinal)
            && !plural.EndsWith("is", StringComparison.Ordinal))
        {
            return plural[..^1];
        }

        return plural;
    }

    private static string Capitalise(string word)
    {
        if (word.Any(char.IsLetter) && !word.Any(char.IsLower))
        {
            return word[..1].ToUpperInvariant() + word[1..].ToLowerInvariant();
        }

        return word[..1].ToUpperInvariant() + word[1..];
    }

    /// <summary>A word that starts with digits: the number in words, then its unit or the rest of the word.</summary>
    private static string LeadingNumber(string word)
    {
        var digits = 0;
        while (digits < word.Length && char.IsDigit(word[digits]))
        {
            digits++;
        }

        var rest = word[digits..];
        if (digits > 6 || !long.TryParse(word[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return "Value" + word.ToUpperInvariant()[..1] + word[1..];
        }

        var spelled = Spell(number);
        if (Units.TryGetValue(rest.ToLowerInvariant(), out var unit))
        {
            return spelled + (number == 1 ? unit.One : unit.Many);
        }

        return spelled + (rest.Length == 0 ? string.Empty : Capitalise(rest));
    }

    /// <summary>A number below a million in English words, PascalCase: 24 → TwentyFour, 105 → OneHundredFive.</summary>
    public static string Spell(long number)
    {
        if (number < 20)
        {
            return Ones[number];
        }

        if (number < 100)
        {
            return Tens[number / 10] + (number % 10 == 0 ? string.Empty : Ones[number % 10]);
        }

        if (number < 1000)
        {
            return Ones[number / 100] + "Hundred" + (number % 100 == 0 ? string.Empty : Spell(number % 100));
        }

        return Spell(number / 1000) + "Thousand" + (number % 1000 == 0 ? string.Empty : Spell(number % 1000));
    }
}
