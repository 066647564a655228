using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;
using PgBeam.ContractTests.Contract;

namespace PgBeam.ContractTests.Derivation;

/// <summary>
/// A string for a parameter or property, derived from its schema and name: the contract's own example when it fits,
/// an enum value, a value of its format, a value its name suggests (ids in PgBeam formats, URLs, CIDRs, SQL), or a plain
/// sample; the first candidate that passes the schema's pattern, lengths and enum wins.
/// </summary>
internal static class SampleStrings
{
    /// <summary>
    /// Values no rule below derives, by <c>Schema.property</c> or by parameter name. Add an entry here when a
    /// <see cref="DerivationException"/> asks for one; keep it empty otherwise.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Overrides = new Dictionary<string, string>(StringComparer.Ordinal);

    public const string File = "tests/PgBeam.ContractTests/Derivation/SampleStrings.cs";

    /// <param name="name">The parameter or property name, as the contract writes it.</param>
    /// <param name="owner">The schema the property belongs to, when it is a property.</param>
    /// <param name="schema">The schema of the value.</param>
    /// <param name="where">Where the value goes, for the message when nothing fits.</param>
    public static string For(string name, string? owner, SchemaNode schema, string where)
    {
        var candidates = Candidates(name, owner, schema).ToList();
        foreach (var candidate in candidates)
        {
            if (schema.Accepts(candidate))
            {
                return candidate;
            }
        }

        throw new DerivationException(
            $"No sample string fits {where} (pattern {schema.Pattern ?? "none"}, length {schema.MinLength}..{schema.MaxLength}, tried {string.Join(", ", candidates.Distinct().Select(c => "'" + c + "'"))}). " +
            $"Add an entry [\"{(owner is null ? name : owner + "." + name)}\"] = \"<a valid value>\" to SampleStrings.Overrides in {File}.");
    }

    private static IEnumerable<string> Candidates(string name, string? owner, SchemaNode schema)
    {
        if (owner is not null && Overrides.TryGetValue(owner + "." + name, out var qualified))
        {
            yield return qualified;
        }

        if (Overrides.TryGetValue(name, out var plain))
        {
            yield return plain;
        }

        if (schema.Example is JValue { Type: JTokenType.String or JTokenType.Integer or JTokenType.Float } example)
        {
            yield return Convert.ToString(example.Value, CultureInfo.InvariantCulture)!;
        }

        if (schema.Enum is { } values)
        {
            // Not the default where there is a choice, so a value that arrives is told apart from one filled in.
            var strings = values.Where(v => v.Type != JTokenType.Null).Select(v => v.ToString()).ToList();
            var preferred = strings.Where(v => schema.Default is null || v != schema.Default.ToString()).Concat(strings);
            foreach (var value in preferred)
            {
                yield return value;
            }
        }

        foreach (var value in ForFormat(schema.Format, name))
        {
            yield return value;
        }

        foreach (var value in ForName(name, owner))
        {
            yield return value;
        }

        var words = NameRules.Words(name);
        yield return "sample-" + string.Join('-', words);
        yield return "sample_" + string.Join('_', words);
        yield return "sample";
        yield return SampleIds.QueryHash;
        yield return "a";
    }

    private static IEnumerable<string> ForFormat(string? format, string name)
    {
        switch (format)
        {
            case "date-time":
                yield return SampleTimes.For(name).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
                break;
            case "date":
                yield return SampleTimes.DateFor(name).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                break;
            case "email":
                yield return "ops@example.com";
                break;
            case "uri" or "url":
                yield return "https://hooks.example.com/pgbeam";
                break;
            case "uuid":
                yield return "3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b";
                break;
            case "ipv4":
                yield return "10.0.0.1";
                break;
            case "ipv6":
                yield return "2001:db8::1";
                break;
            case "hostname":
                yield return "db.example.com";
                break;
            case "password":
                yield return "s3cret-password";
                break;
            case "byte":
                yield return "c2FtcGxl";
                break;
        }
    }

    private static IEnumerable<string> ForName(string name, string? owner)
    {
        var words = NameRules.Words(name);
        var last = words.Length > 0 ? words[^1] : string.Empty;
        if (last == "id" || (last == "ids" && words.Length > 1))
        {
            var resource = words.Length > 1 ? string.Join('_', words[..^1]) : owner ?? "resource";
            yield return SampleIds.For(resource);
        }

        if (words.Contains("url") || words.Contains("uri") || words.Contains("endpoint"))
        {
            yield return "https://hooks.example.com/pgbeam";
        }

        if (words.Contains("cidr") || words.Contains("cidrs"))
        {
            yield return "10.0.0.0/8";
        }

        if (words.Contains("ip"))
        {
            yield return "10.0.0.1";
        }

        if (words.Contains("domain") || words.Contains("host") || words.Contains("hostname"))
        {
            yield return "db.example.com";
        }

        if (words.Contains("email"))
        {
            yield return "ops@example.com";
        }

        if (words.Contains("sql") || words.Contains("statement"))
        {
            yield return "SELECT id FROM orders WHERE tenant_id = 42";
        }

        if (words.Contains("hash"))
        {
            yield return SampleIds.QueryHash;
        }

        if (words.Contains("token") || words.Contains("cursor"))
        {
            yield return SampleIds.PageToken;
        }

        if (words.Contains("region"))
        {
            yield return "us-east-1";
        }

        if (words.Contains("secret"))
        {
            yield return "whsec_0123456789abcdef";
        }

        if (words.Contains("password"))
        {
            yield return "s3cret-password";
        }

        if (words.Contains("table"))
        {
            yield return "public.orders";
        }

        if (words.Contains("column"))
        {
            yield return "email";
        }

        if (words.Contains("predicate"))
        {
            yield return "tenant_id = 42";
        }

        if (words.Contains("currency"))
        {
            yield return "usd";
        }

        if (words.Contains("version"))
        {
            yield return "1.0.0";
        }
    }
}
