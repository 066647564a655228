using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Newtonsoft.Json.Linq;

namespace PgBeam.Testing.Contract;

/// <summary>
/// Builds a value that a schema accepts, for operations the sandbox answers from the contract: the contract's
/// examples and defaults where they fit, the sandbox clock for date-times, ids in PgBeam's <c>prefix_</c> form where
/// the name tells, the request's own path values and body fields where the names match, and one item per array so
/// a caller sees the shape. Optional properties are filled too, except page tokens (a derived list has one page).
/// </summary>
internal sealed class SchemaSampler(SandboxContract contract, SampleContext context)
{
    private const string Base32 = "0123456789abcdefghjkmnpqrstvwxyz";
    private const int DeepObjects = 6;
    private const int MaxDepth = 24;
    private static readonly string[] PatternCandidates = ["sandbox", "sandbox-value", "example.com", "0123abcd", "10.0.0.1", "a"];
    private static readonly string[] CountNames = ["total", "total_count", "count"];

    /// <summary>Sets each count member beside a list's one array (<c>total</c>, <c>total_count</c>, <c>count</c>) that <paramref name="list"/> has.</summary>
    public static void SetCounts(JObject list, int count)
    {
        foreach (var name in CountNames.Where(n => list[n]?.Type == JTokenType.Integer))
        {
            list[name] = count;
        }
    }

    /// <summary>A value for a response body (write-only properties left out).</summary>
    public JToken ForResponse(JObject schema) => Sample(schema, name: null, depth: 0, response: true, echo: context.RequestBody as JObject, inArray: false);

    /// <summary>A value for a request body (read-only properties left out).</summary>
    public JToken ForRequest(JObject schema) => Sample(schema, name: null, depth: 0, response: false, echo: null, inArray: false);

    /// <summary>A value for a path, query or header parameter, as text.</summary>
    public string ForParameter(string name, JObject schema)
    {
        var value = Sample(schema, name, depth: 1, response: false, echo: null, inArray: true);
        return value switch
        {
            JValue { Type: JTokenType.Boolean } flag => (bool)flag! ? "true" : "false",
            JValue { Value: IFormattable formattable } => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }

    private JToken Sample(JObject schema, string? name, int depth, bool response, JObject? echo, bool inArray)
    {
        var flat = contract.Flatten(schema);
        if (depth > MaxDepth)
        {
            return flat.Nullable ? JValue.CreateNull() : Empty(flat);
        }

        if (flat.Enum is { Count: > 0 } values)
        {
            return (flat.Default is { } chosen && values.Any(v => JToken.DeepEquals(v, chosen)) ? chosen
                : flat.Example is { } example && values.Any(v => JToken.DeepEquals(v, example)) ? example
                : values[0]).DeepClone();
        }

        return flat.Type switch
        {
            "object" => Object(flat, depth, response, echo, inArray),
            "array" => Array(flat, name, depth, response),
            "string" => new JValue(String(flat, name, depth, inArray)),
            "integer" => new JValue((long)Number(flat, integer: true)),
            "number" => new JValue((double)Number(flat, integer: false)),
            "boolean" => new JValue(flat.Default?.Type == JTokenType.Boolean ? (bool)flat.Default! : flat.Example?.Type == JTokenType.Boolean && (bool)flat.Example!),
            _ => flat.Example?.DeepClone() ?? new JValue(string.Empty),
        };
    }

    private JObject Object(FlatSchema flat, int depth, bool response, JObject? echo, bool inArray)
    {
        var result = new JObject();
        foreach (var (name, propertySchema) in flat.Properties)
        {
            var property = contract.Flatten(propertySchema);
            var required = flat.Required.Contains(name);
            if ((response && property.WriteOnly) || (!response && property.ReadOnly && !required))
            {
                continue;
            }

            // A derived list is a single page: a next-page token would send a paging caller round for ever.
            if (IsPageToken(name))
            {
                if (required)
                {
                    result[name] = property.Nullable ? JValue.CreateNull() : new JValue(string.Empty);
                }

                continue;
            }

            if (!required && depth >= DeepObjects)
            {
                continue;
            }

            if (echo is not null && !property.Sensitive && echo[name] is { } sent && new SchemaValidator(contract).Validate(sent, propertySchema).Count == 0)
            {
                result[name] = sent.DeepClone();
                continue;
            }

            result[name] = Sample(propertySchema, name, depth + 1, response, echo: depth == 0 && echo?[name] is JObject nested ? nested : null, inArray);
        }

        // A count beside the one array reads as its length, so a page-number walk ends where the items do.
        var arrays = result.Properties().Where(p => p.Value is JArray).ToArray();
        if (arrays.Length == 1)
        {
            SetCounts(result, ((JArray)arrays[0].Value).Count);
        }

        return result;
    }

    private JArray Array(FlatSchema flat, string? name, int depth, bool response)
    {
        var result = new JArray();
        if (flat.Items is not { } items)
        {
            return result;
        }

        var count = Math.Max(flat.MinItems ?? 0, depth >= DeepObjects ? 0 : 1);
        if (flat.MaxItems is { } maxItems)
        {
            count = Math.Min(count, maxItems);
        }

        for (var i = 0; i < count; i++)
        {
            result.Add(Sample(items, name, depth + 1, response, echo: null, inArray: true));
        }

        return result;
    }

    private string String(FlatSchema flat, string? name, int depth, bool inArray)
    {
        if (name is not null && context.PathValues.TryGetValue(name, out var pathValue) && Fits(flat, pathValue))
        {
            return pathValue;
        }

        var text = flat.Format switch
        {
            "date-time" => Validation.Rfc3339.Format(context.Now),
            "date" => context.Now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "uri" or "url" => "https://sandbox.pgbeam.invalid/" + (name ?? "resource").Replace('_', '-'),
            "email" => "sandbox@example.com",
            "uuid" => new Guid(Bytes(16)).ToString(),
            "byte" => Convert.ToBase64String(Bytes(12)),
            "ipv4" => "10.0.0.1",
            "ipv6" => "fd00::1",
            _ => null,
        };
        if (text is not null)
        {
            return text;
        }

        if (name is not null && (name == "id" || name.EndsWith("_id", StringComparison.Ordinal)) && Id(flat, name, ownsResource: depth <= 2 && !inArray) is { } id && Fits(flat, id))
        {
            return id;
        }

        if (flat.Example is JValue { Type: JTokenType.String } example && !flat.Sensitive && Fits(flat, (string)example!))
        {
            return (string)example!;
        }

        if (flat.Default is JValue { Type: JTokenType.String } defaultValue && Fits(flat, (string)defaultValue!))
        {
            return (string)defaultValue!;
        }

        var plain = "sandbox-" + (name ?? "value").Replace('_', '-');
        foreach (var candidate in new[] { plain }.Concat(PatternCandidates))
        {
            var sized = Size(flat, candidate);
            if (Fits(flat, sized))
            {
                return sized;
            }
        }

        return Size(flat, plain);
    }

    /// <summary>An id in PgBeam's form: the path's own id for the resource it names, else the prefix the contract implies and 26 base32 characters.</summary>
    private string? Id(FlatSchema flat, string name, bool ownsResource)
    {
        if (name == "id")
        {
            if (ownsResource && context.ResourceId is { } resourceId && (SandboxContract.PrefixOfExample(flat.Example) is not { } examplePrefix || resourceId.StartsWith(examplePrefix + "_", StringComparison.Ordinal)))
            {
                return resourceId;
            }

            var prefix = SandboxContract.PrefixOfExample(flat.Example) ?? context.ResourcePrefix;
            return prefix is null && flat.Example is not null ? null : NewId(prefix);
        }

        var known = SandboxContract.PrefixOfExample(flat.Example) ?? contract.IdPrefixOf(name);
        return known is null && flat.Example is not null ? null : NewId(known);
    }

    private string NewId(string? prefix)
    {
        var text = new StringBuilder(prefix is null ? 26 : prefix.Length + 27);
        if (prefix is not null)
        {
            text.Append(prefix).Append('_');
        }

        for (var i = 0; i < 26; i++)
        {
            text.Append(Base32[context.Random.Next(Base32.Length)]);
        }

        return text.ToString();
    }

    private static decimal Number(FlatSchema flat, bool integer)
    {
        foreach (var candidate in new[] { flat.Example, flat.Default })
        {
            if (candidate is JValue { Type: JTokenType.Integer or JTokenType.Float } value && InRange(flat, value.Value<decimal>()) && (!integer || value.Value<decimal>() == decimal.Truncate(value.Value<decimal>())))
            {
                return value.Value<decimal>();
            }
        }

        var step = integer ? 1m : 0.5m;
        var number = flat.Minimum is { } minimum ? (flat.ExclusiveMinimum ? minimum + step : minimum) : 0m;
        if (flat.Maximum is { } maximum && !InRange(flat, number))
        {
            number = flat.ExclusiveMaximum ? maximum - step : maximum;
        }

        return integer ? decimal.Ceiling(number) : number;
    }

    private static bool InRange(FlatSchema flat, decimal number) =>
        !(flat.Minimum is { } min && (flat.ExclusiveMinimum ? number <= min : number < min))
        && !(flat.Maximum is { } max && (flat.ExclusiveMaximum ? number >= max : number > max));

    private static bool Fits(FlatSchema flat, string text) =>
        (flat.MinLength is not { } min || text.Length >= min)
        && (flat.MaxLength is not { } max || text.Length <= max)
        && (flat.Pattern is not { } pattern || SchemaValidator.Matches(pattern, text));

    private static string Size(FlatSchema flat, string text)
    {
        if (flat.MaxLength is { } max && text.Length > max)
        {
            text = text[..max];
        }

        // Longer by repeating itself, so a value that fits a pattern (hex digits) still fits it.
        while (flat.MinLength is { } min && text.Length < min)
        {
            text += text[..Math.Min(text.Length, min - text.Length)];
        }

        return text;
    }

    private static JToken Empty(FlatSchema flat) => flat.Type switch
    {
        "object" => new JObject(),
        "array" => new JArray(),
        "integer" or "number" => new JValue(0),
        "boolean" => new JValue(false),
        _ => new JValue(string.Empty),
    };

    private static bool IsPageToken(string name) =>
        name.Contains("page_token", StringComparison.Ordinal) || name is "next_cursor" or "next_token";

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        context.Random.NextBytes(bytes);
        return bytes;
    }
}
