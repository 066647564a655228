using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace PgBeam.CodeGen.Contract;

/// <summary>The contract as a JSON tree, with the look-ups the normalization steps share.</summary>
internal sealed class ContractDocument
{
    public static readonly string[] HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public ContractDocument(JsonObject root)
    {
        Root = root;
    }

    public JsonObject Root { get; }

    public JsonObject Paths => Root["paths"] as JsonObject ?? new JsonObject();

    public JsonObject Components => Root["components"] as JsonObject ?? (JsonObject)(Root["components"] = new JsonObject());

    public JsonObject Schemas => Components["schemas"] as JsonObject ?? (JsonObject)(Components["schemas"] = new JsonObject());

    /// <summary>Every operation, in document order.</summary>
    public IEnumerable<ContractOperation> Operations()
    {
        foreach (var (path, item) in Paths.ToList())
        {
            if (item is not JsonObject pathItem)
            {
                continue;
            }

            foreach (var method in HttpMethods)
            {
                if (pathItem[method] is JsonObject operation)
                {
                    yield return new ContractOperation(this, path, method, pathItem, operation);
                }
            }
        }
    }

    /// <summary>The node a local <c>$ref</c> points at, or null when it does not resolve.</summary>
    public JsonNode? Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        JsonNode? node = Root;
        foreach (var part in reference[2..].Split('/'))
        {
            var key = part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node is JsonObject obj ? obj[key] : null;
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Follows <c>$ref</c>s (and a single-member <c>allOf</c> wrapper) to the schema they name.</summary>
    public JsonObject? Actual(JsonNode? node)
    {
        for (var guard = 0; guard < 32 && node is JsonObject obj; guard++)
        {
            if (obj["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target))
            {
                node = Resolve(target);
                continue;
            }

            if (obj["allOf"] is JsonArray { Count: 1 } allOf && obj["properties"] is null)
            {
                node = allOf[0];
                continue;
            }

            return obj;
        }

        return node as JsonObject;
    }

    /// <summary>The component name a schema node refers to (through a single-member allOf too), or null when inline.</summary>
    public static string? ComponentName(JsonNode? node)
    {
        if (node is not JsonObject obj)
        {
            return null;
        }

        if (obj["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target)
            && target.StartsWith("#/components/schemas/", StringComparison.Ordinal))
        {
            return target["#/components/schemas/".Length..];
        }

        return obj["allOf"] is JsonArray { Count: 1 } allOf ? ComponentName(allOf[0]) : null;
    }

    public static JsonObject SchemaRef(string name) => new() { ["$ref"] = "#/components/schemas/" + name };

    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Every node of the tree under <paramref name="node"/>, with its JSON pointer, parents before children.</summary>
    public static IEnumerable<(string Pointer, JsonNode Node)> Walk(JsonNode? node, string pointer)
    {
        if (node is null)
        {
            yield break;
        }

        yield return (pointer, node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    foreach (var item in Walk(child, pointer + "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)))
                    {
                        yield return item;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var item in Walk(array[i], pointer + "/" + i))
                    {
                        yield return item;
                    }
                }

                break;
        }
    }
}
