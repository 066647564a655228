using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;
using PgBeam.ContractTests.Contract;

namespace PgBeam.ContractTests.Derivation;

/// <summary>A number for a parameter or property: the contract's example, or a small value, inside the schema's bounds.</summary>
internal static class SampleNumbers
{
    public static decimal For(SchemaNode schema, string where)
    {
        var candidates = Candidates(schema).ToList();
        foreach (var candidate in candidates)
        {
            if (schema.Accepts(candidate))
            {
                return candidate;
            }
        }

        throw new DerivationException(
            $"No sample number fits {where} (minimum {schema.Minimum}, maximum {schema.Maximum}, tried {string.Join(", ", candidates)}). " +
            $"Give the schema an example in openapi/pgbeam.yaml, or teach SampleNumbers in tests/PgBeam.ContractTests/Derivation/SampleNumbers.cs.");
    }

    private static IEnumerable<decimal> Candidates(SchemaNode schema)
    {
        if (schema.Example is JValue example && decimal.TryParse(Convert.ToString(example.Value, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var fromExample))
        {
            yield return fromExample;
        }

        if (schema.Enum is { } values)
        {
            foreach (var value in values.Where(v => v.Type is JTokenType.Integer or JTokenType.Float))
            {
                yield return value.ToObject<decimal>();
            }
        }

        yield return schema.Type == "integer" ? 5 : 2.5m;
        if (schema.Minimum is { } min)
        {
            yield return min;
            yield return schema.Type == "integer" ? decimal.Floor(min) + 1 : min + 0.5m;
        }

        if (schema.Maximum is { } max)
        {
            yield return max;
            yield return schema.Type == "integer" ? decimal.Ceiling(max) - 1 : max - 0.5m;
        }

        yield return 1;
        yield return 0;
    }
}
