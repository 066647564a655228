using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace PgBeam.ContractTests.Contract;

/// <summary>
/// One schema of the contract as a test reads it: <c>$ref</c> followed, <c>allOf</c> parts merged (properties and
/// required names united; a keyword written beside the parts, such as <c>nullable</c> or <c>default</c>, wins over
/// the parts'). Numbers that YAML left as text (<c>0.5</c>) are parsed where a number is expected.
/// </summary>
internal sealed class SchemaNode
{
    private readonly JObject _document;
    private readonly List<JObject> _layers;

    private SchemaNode(JObject document, List<JObject> layers, string? componentName, string path)
    {
        _document = document;
        _layers = layers;
        ComponentName = componentName;
        Path = path;
    }

    /// <summary>The component the schema was reached through (<c>PolicyProfileInput</c>), when a <c>$ref</c> led to it.</summary>
    public string? ComponentName { get; }

    /// <summary>Where the schema is, for messages (<c>#/components/schemas/X</c> or the operation's location).</summary>
    public string Path { get; }

    public string? Type => Text("type");

    public string? Format => Text("format");

    public string? Pattern => Text("pattern");

    public bool Nullable => Flag("nullable");

    public bool ReadOnly => Flag("readOnly");

    public bool WriteOnly => Flag("writeOnly");

    public int? MinLength => (int?)Number("minLength");

    public int? MaxLength => (int?)Number("maxLength");

    public int? MinItems => (int?)Number("minItems");

    public decimal? Minimum => Number("minimum");

    public decimal? Maximum => Number("maximum");

    public bool ExclusiveMinimum => Flag("exclusiveMinimum");

    public bool ExclusiveMaximum => Flag("exclusiveMaximum");

    public JToken? Example => Keyword("example");

    public JToken? Default => Keyword("default");

    /// <summary>The enum values, or null when the schema is not an enum.</summary>
    public IReadOnlyList<JToken>? Enum => Keyword("enum") is JArray values ? values.ToList() : null;

    /// <summary>A construct the tests cannot fill honestly (<c>oneOf</c>, <c>anyOf</c>, <c>not</c>), or null.</summary>
    public string? UnsupportedConstruct =>
        new[] { "oneOf", "anyOf", "not" }.FirstOrDefault(keyword => _layers.Any(layer => layer[keyword] is not null));

    /// <summary>The schema of array items, or null.</summary>
    public SchemaNode? Items => Keyword("items") is JToken items ? Of(_document, items, Path + "/items") : null;

    /// <summary><c>additionalProperties</c> when it is a schema (a map's values), or null.</summary>
    public SchemaNode? MapValues => Keyword("additionalProperties") is JObject values ? Of(_document, values, Path + "/additionalProperties") : null;

    /// <summary>Whether <c>additionalProperties</c> is set to a schema or to <c>true</c>.</summary>
    public bool AllowsOtherKeys => Keyword("additionalProperties") is JObject or JValue { Type: JTokenType.Boolean, Value: true };

    /// <summary>The properties, in contract order, parts of <c>allOf</c> first.</summary>
    public IReadOnlyList<(string Name, JToken Schema)> Properties
    {
        get
        {
            var properties = new List<(string, JToken)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var layer in Enumerable.Reverse(_layers))
            {
                if (layer["properties"] is JObject own)
                {
                    foreach (var property in own.Properties().Where(p => seen.Add(p.Name)))
                    {
                        properties.Add((property.Name, property.Value));
                    }
                }
            }

            return properties;
        }
    }

    public IReadOnlySet<string> Required =>
        _layers.SelectMany(layer => layer["required"]?.Values<string>().OfType<string>() ?? []).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether the schema describes a JSON object (declared so, or by having properties).</summary>
    public bool IsObject => Type == "object" || (Type is null && Properties.Count > 0);

    /// <summary>Reads <paramref name="schema"/> (inline or a <c>$ref</c>) of <paramref name="document"/>.</summary>
    public static SchemaNode Of(JObject document, JToken schema, string path)
    {
        var layers = new List<JObject>();
        var componentName = Collect(document, schema, layers, depth: 0);
        return new SchemaNode(document, layers, componentName, componentName is null ? path : "#/components/schemas/" + componentName);
    }

    /// <summary>The schema of property <paramref name="name"/>, or null when the schema has none of that name.</summary>
    public SchemaNode? Property(string name)
    {
        var match = Properties.FirstOrDefault(p => p.Name == name);
        return match.Schema is null ? null : Of(_document, match.Schema, Path + "/properties/" + name);
    }

    /// <summary>Whether a value is acceptable under the string keywords (pattern, lengths, enum, format).</summary>
    public bool Accepts(string value)
    {
        if (Enum is { } values && !values.Any(v => v.Type != JTokenType.Null && string.Equals(v.ToString(), value, StringComparison.Ordinal)))
        {
            return false;
        }

        var length = new StringInfo(value).LengthInTextElements;
        if (length < (MinLength ?? 0) || length > (MaxLength ?? int.MaxValue))
        {
            return false;
        }

        return Pattern is null || System.Text.RegularExpressions.Regex.IsMatch(value, Pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    }

    /// <summary>Whether a number is inside the schema's bounds.</summary>
    public bool Accepts(decimal value) =>
        (Minimum is not { } min || (ExclusiveMinimum ? value > min : value >= min)) &&
        (Maximum is not { } max || (ExclusiveMaximum ? value < max : value <= max)) &&
        (Type != "integer" || decimal.Truncate(value) == value);

    public override string ToString() => Path;

    /// <summary>Adds the layers of <paramref name="schema"/>: itself first, then its <c>allOf</c> parts; returns the component it names.</summary>
    private static string? Collect(JObject document, JToken schema, List<JObject> layers, int depth)
    {
        if (depth > 32)
        {
            throw new InvalidDataException($"$ref/allOf nesting deeper than 32 at {schema.Path}.");
        }

        if (schema is not JObject node)
        {
            throw new InvalidDataException($"A schema that is not an object at {schema.Path}.");
        }

        string? componentName = null;
        if (node["$ref"] is JValue reference)
        {
            const string Prefix = "#/components/schemas/";
            var target = (string)reference!;
            if (!target.StartsWith(Prefix, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"Unsupported schema $ref {target}.");
            }

            componentName = target[Prefix.Length..];
            var resolved = document["components"]?["schemas"]?[componentName] ?? throw new InvalidDataException($"$ref {target} points nowhere.");
            // Keywords beside a $ref (OpenAPI 3.0 ignores them, but this contract writes none there) come first.
            var beside = new JObject(node.Properties().Where(p => p.Name != "$ref"));
            if (beside.HasValues)
            {
                layers.Add(beside);
            }

            Collect(document, resolved, layers, depth + 1);
            return componentName;
        }

        layers.Add(node);
        var parts = node["allOf"]?.Children().ToList() ?? [];
        foreach (var part in parts)
        {
            var partName = Collect(document, part, layers, depth + 1);
            // An allOf of a single $ref is how the contract shares a component while adding a keyword beside it.
            componentName ??= parts.Count == 1 ? partName : null;
        }

        return componentName;
    }

    private JToken? Keyword(string name) => _layers.Select(layer => layer[name]).FirstOrDefault(value => value is not null);

    private string? Text(string name) => Keyword(name) is JValue { Type: JTokenType.String } value ? (string?)value : null;

    private bool Flag(string name) => Keyword(name) is JValue { Type: JTokenType.Boolean } value && (bool)value;

    private decimal? Number(string name) => Keyword(name) switch
    {
        JValue { Type: JTokenType.Integer or JTokenType.Float } value => value.ToObject<decimal>(),
        JValue { Type: JTokenType.String } value when decimal.TryParse((string?)value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
