using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace PgBeam.Testing.Contract;

/// <summary>
/// A schema with its <c>$ref</c>s followed and its <c>allOf</c> parts merged, read once into the keywords the sandbox
/// uses to derive and check values. Keywords written beside a <c>$ref</c> (<c>nullable</c>, <c>default</c>,
/// <c>readOnly</c>) win over the target's.
/// </summary>
internal sealed class FlatSchema
{
    private FlatSchema()
    {
    }

    /// <summary>The component it came from (<c>Project</c>), when it was a reference.</summary>
    public string? Name { get; private set; }

    /// <summary><c>object</c>, <c>array</c>, <c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>, or null for any.</summary>
    public string? Type { get; private set; }

    public string? Format { get; private set; }

    public IReadOnlyList<JToken>? Enum { get; private set; }

    public Dictionary<string, JObject> Properties { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Required { get; } = new(StringComparer.Ordinal);

    public JObject? Items { get; private set; }

    /// <summary>A map's value schema (<c>additionalProperties: {…}</c>), or null.</summary>
    public JObject? AdditionalProperties { get; private set; }

    public bool Nullable { get; private set; }

    public bool ReadOnly { get; private set; }

    public bool WriteOnly { get; private set; }

    /// <summary>Marked secret by the contract (<c>x-sensitive</c> or <c>format: password</c>).</summary>
    public bool Sensitive { get; private set; }

    public JToken? Default { get; private set; }

    public JToken? Example { get; private set; }

    public int? MinLength { get; private set; }

    public int? MaxLength { get; private set; }

    public decimal? Minimum { get; private set; }

    public decimal? Maximum { get; private set; }

    public bool ExclusiveMinimum { get; private set; }

    public bool ExclusiveMaximum { get; private set; }

    public int? MinItems { get; private set; }

    public int? MaxItems { get; private set; }

    public string? Pattern { get; private set; }

    /// <summary>What stops the sandbox from deriving this schema (<c>oneOf</c>, <c>anyOf</c>), or null.</summary>
    public string? Unsupported { get; private set; }

    public static FlatSchema From(SandboxContract contract, JObject schema)
    {
        var flat = new FlatSchema { Name = SandboxContract.ReferenceName(schema) };
        flat.Merge(contract, schema, depth: 0);
        if (flat.Type is null)
        {
            flat.Type = flat.Properties.Count > 0 ? "object" : flat.Items is not null ? "array" : null;
        }

        return flat;
    }

    private void Merge(SandboxContract contract, JObject schema, int depth)
    {
        if (depth > 16)
        {
            Unsupported = "allOf/$ref nesting deeper than 16";
            return;
        }

        var target = contract.Resolve(schema);
        if (!ReferenceEquals(target, schema))
        {
            Name ??= SandboxContract.ReferenceName(schema);
            Merge(contract, target, depth + 1);
        }

        foreach (var part in (schema["allOf"] as JArray)?.OfType<JObject>() ?? [])
        {
            Merge(contract, part, depth + 1);
        }

        if (schema["oneOf"] is not null || schema["anyOf"] is not null || schema["not"] is not null)
        {
            Unsupported ??= schema["oneOf"] is not null ? "oneOf" : schema["anyOf"] is not null ? "anyOf" : "not";
        }

        // Keywords of this level override what the reference or the allOf parts said.
        Type = (string?)schema["type"] ?? Type;
        Format = (string?)schema["format"] ?? Format;
        if (schema["enum"] is JArray values)
        {
            Enum = values.Where(v => v.Type != JTokenType.Null).ToArray();
        }

        foreach (var property in (schema["properties"] as JObject)?.Properties() ?? [])
        {
            if (property.Value is JObject propertySchema)
            {
                Properties[property.Name] = propertySchema;
            }
        }

        foreach (var name in (schema["required"] as JArray)?.Select(r => (string?)r).OfType<string>() ?? [])
        {
            Required.Add(name);
        }

        Items = schema["items"] as JObject ?? Items;
        AdditionalProperties = schema["additionalProperties"] as JObject ?? AdditionalProperties;
        Nullable = schema.Value<bool?>("nullable") ?? Nullable;
        ReadOnly = schema.Value<bool?>("readOnly") ?? ReadOnly;
        WriteOnly = schema.Value<bool?>("writeOnly") ?? WriteOnly;
        Sensitive |= schema.Value<bool?>("x-sensitive") == true || (string?)schema["format"] == "password";
        Default = schema["default"] ?? Default;
        Example = schema["example"] ?? Example;
        MinLength = schema.Value<int?>("minLength") ?? MinLength;
        MaxLength = schema.Value<int?>("maxLength") ?? MaxLength;
        MinItems = schema.Value<int?>("minItems") ?? MinItems;
        MaxItems = schema.Value<int?>("maxItems") ?? MaxItems;
        Pattern = (string?)schema["pattern"] ?? Pattern;
        ReadBound(schema, "minimum", "exclusiveMinimum", isMinimum: true);
        ReadBound(schema, "maximum", "exclusiveMaximum", isMinimum: false);
    }

    /// <summary>Reads a bound in both spellings: 3.0's boolean <c>exclusiveMinimum</c> and 3.1's numeric one.</summary>
    private void ReadBound(JObject schema, string inclusiveKey, string exclusiveKey, bool isMinimum)
    {
        var inclusive = schema[inclusiveKey] is JValue { Type: JTokenType.Integer or JTokenType.Float } a ? a.Value<decimal>() : (decimal?)null;
        var exclusive = schema[exclusiveKey];
        decimal? bound = inclusive;
        var isExclusive = false;
        if (exclusive is JValue { Type: JTokenType.Boolean } flag)
        {
            isExclusive = (bool)flag!;
        }
        else if (exclusive is JValue { Type: JTokenType.Integer or JTokenType.Float } number)
        {
            bound = number.Value<decimal>();
            isExclusive = true;
        }

        if (bound is null)
        {
            return;
        }

        if (isMinimum)
        {
            Minimum = bound;
            ExclusiveMinimum = isExclusive;
        }
        else
        {
            Maximum = bound;
            ExclusiveMaximum = isExclusive;
        }
    }
}
