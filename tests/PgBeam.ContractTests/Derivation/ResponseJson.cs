using System;
using System.Globalization;
using Newtonsoft.Json.Linq;
using PgBeam.ContractTests.Contract;

namespace PgBeam.ContractTests.Derivation;

/// <summary>
/// An answer the server could send, derived from a response schema: complete (every property, none null) or minimal
/// (the required properties only, null where the contract allows it), with values inside the schema's limits.
/// </summary>
internal static class ResponseJson
{
    private const int MaxDepth = 12;

    public static JToken Build(SchemaNode schema, bool complete, string where) => Build(schema, "body", null, complete, where, depth: 0);

    private static JToken Build(SchemaNode schema, string name, string? owner, bool complete, string where, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new DerivationException($"{where} nests deeper than {MaxDepth} levels; a recursive response schema needs a hand-written answer.");
        }

        if (schema.UnsupportedConstruct is { } construct)
        {
            throw new DerivationException(
                $"{where} uses {construct}, which the derived answers do not build. Teach ResponseJson (tests/PgBeam.ContractTests/Derivation/ResponseJson.cs) which branch to send.");
        }

        if (schema.Enum is { } enumValues)
        {
            foreach (var value in enumValues)
            {
                if (value.Type != JTokenType.Null)
                {
                    return value.DeepClone();
                }
            }
        }

        switch (schema.Type)
        {
            case "string":
                return new JValue(SampleStrings.For(name, owner, schema, where));
            case "integer":
                return new JValue(decimal.ToInt64(SampleNumbers.For(schema, where)));
            case "number":
                return new JValue((double)SampleNumbers.For(schema, where));
            case "boolean":
                return new JValue(true);
            case "array":
                var items = schema.Items ?? throw new DerivationException($"{where} is an array without items.");
                var array = new JArray();
                for (var i = 0; i < Math.Max(1, schema.MinItems ?? 1); i++)
                {
                    array.Add(Build(items, name, owner, complete, where + "[]", depth + 1));
                }

                return array;
        }

        var result = new JObject();
        var required = schema.Required;
        foreach (var (property, _) in schema.Properties)
        {
            var propertySchema = schema.Property(property)!;
            if (propertySchema.WriteOnly || (!complete && !required.Contains(property)))
            {
                continue;
            }

            result[property] = !complete && propertySchema.Nullable
                ? JValue.CreateNull()
                : Build(propertySchema, property, schema.ComponentName, complete, where + "." + property, depth + 1);
        }

        if (schema.Properties.Count == 0 && schema.AllowsOtherKeys)
        {
            result["sample_key"] = schema.MapValues is { } mapValues
                ? Build(mapValues, "sample_key", schema.ComponentName, complete, where + "{sample_key}", depth + 1)
                : new JValue(string.Create(CultureInfo.InvariantCulture, $"value-{depth}"));
        }

        return result;
    }
}
