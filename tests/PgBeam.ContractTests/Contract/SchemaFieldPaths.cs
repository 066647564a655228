using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace PgBeam.ContractTests.Contract;

/// <summary>
/// Lists the field paths a request schema defines, following <c>$ref</c> and merging <c>allOf</c>. Schemas the
/// walk cannot enumerate honestly (<c>oneOf</c>, <c>anyOf</c>, maps with free keys inside a body) make it throw,
/// so a contract change that needs a smarter walk fails loudly instead of shrinking what is checked.
/// </summary>
internal sealed class SchemaFieldPaths
{
    private readonly JObject _document;
    private readonly HashSet<string> _all = new(StringComparer.Ordinal);
    private readonly HashSet<string> _required = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nullable = new(StringComparer.Ordinal);
    private readonly HashSet<string> _locallyRequired = new(StringComparer.Ordinal);

    private SchemaFieldPaths(JObject document) => _document = document;

    public static ContractRequestBody ForBody(JObject document, JToken schema, bool bodyRequired)
    {
        var walk = new SchemaFieldPaths(document);
        walk.Walk(schema, prefix: string.Empty, onRequiredPath: true, visiting: []);
        return new ContractRequestBody(bodyRequired, walk._all, walk._required, walk._nullable, walk._locallyRequired);
    }

    /// <summary>Follows <c>$ref</c> (local only) until a schema with content.</summary>
    public JObject Resolve(JToken schema)
    {
        var current = (JObject)schema;
        for (var hops = 0; current["$ref"] is JValue reference; hops++)
        {
            if (hops > 32)
            {
                throw new InvalidDataException($"$ref chain too long at {reference}.");
            }

            current = (JObject)Pointer((string)reference!);
        }

        return current;
    }

    private JToken Pointer(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"Only local $ref is supported: {reference}.");
        }

        JToken node = _document;
        foreach (var part in reference[2..].Split('/'))
        {
            var name = part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node[name] ?? throw new InvalidDataException($"$ref {reference} points nowhere.");
        }

        return node;
    }

    /// <summary>The schema's properties and required names, with <c>allOf</c> parts merged in.</summary>
    private (List<(string Name, JToken Schema)> Properties, HashSet<string> Required) Members(JObject schema)
    {
        if (schema["oneOf"] is not null || schema["anyOf"] is not null)
        {
            throw new NotSupportedException($"A request schema uses oneOf/anyOf ({schema.Path}); teach SchemaFieldPaths which branch a complete call sends.");
        }

        var properties = new List<(string, JToken)>();
        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in schema["allOf"]?.Children() ?? [])
        {
            var (partProperties, partRequired) = Members(Resolve(part));
            properties.AddRange(partProperties);
            required.UnionWith(partRequired);
        }

        if (schema["properties"] is JObject own)
        {
            properties.AddRange(own.Properties().Select(p => (p.Name, p.Value)));
        }

        required.UnionWith(schema["required"]?.Values<string>().OfType<string>() ?? []);
        return (properties, required);
    }

    private void Walk(JToken schemaToken, string prefix, bool onRequiredPath, HashSet<JObject> visiting)
    {
        var schema = Resolve(schemaToken);
        if (!visiting.Add(schema))
        {
            throw new NotSupportedException($"A request schema is recursive at '{prefix}'; a complete call cannot set every field.");
        }

        var (properties, required) = Members(schema);
        if (properties.Count == 0 && schema["additionalProperties"] is JObject)
        {
            throw new NotSupportedException($"A request body field '{prefix}' is a map with free keys; its keys are data, not fields.");
        }

        foreach (var (name, propertyToken) in properties)
        {
            var property = Resolve(propertyToken);
            if (Flag(propertyToken, property, "readOnly"))
            {
                continue; // never sent by a client
            }

            var path = prefix.Length == 0 ? name : prefix + "." + name;
            var isRequired = onRequiredPath && required.Contains(name);
            _all.Add(path);
            if (isRequired)
            {
                _required.Add(path);
            }

            if (required.Contains(name))
            {
                _locallyRequired.Add(path);
            }

            if (Flag(propertyToken, property, "nullable"))
            {
                _nullable.Add(path);
            }

            WalkValue(property, path, isRequired, visiting);
        }

        visiting.Remove(schema);
    }

    private void WalkValue(JObject schema, string path, bool onRequiredPath, HashSet<JObject> visiting)
    {
        var (properties, _) = Members(schema);
        if (properties.Count > 0)
        {
            Walk(schema, path, onRequiredPath, visiting);
        }
        else if (schema["items"] is JToken items)
        {
            WalkValue(Resolve(items), path + "[]", onRequiredPath, visiting);
        }
    }

    /// <summary>A keyword set on the property itself (beside a <c>$ref</c>/<c>allOf</c>) or on the schema it resolves to.</summary>
    private static bool Flag(JToken propertyToken, JObject resolved, string keyword) =>
        propertyToken[keyword]?.Type == JTokenType.Boolean && (bool)propertyToken[keyword]!
        || resolved[keyword]?.Type == JTokenType.Boolean && (bool)resolved[keyword]!;
}
