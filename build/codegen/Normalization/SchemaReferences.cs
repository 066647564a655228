using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PgBeam.CodeGen.Contract;

namespace PgBeam.CodeGen.Normalization;

/// <summary>Moves a schema into components and points its uses there.</summary>
internal static class SchemaReferences
{
    /// <summary>Keywords that describe one use of a type rather than the type: they stay beside the <c>$ref</c>.</summary>
    private static readonly HashSet<string> UseKeywords = new(StringComparer.Ordinal)
    {
        "description", "default", "nullable", "readOnly", "writeOnly", "deprecated", "example", "examples",
    };

    /// <summary>
    /// Replaces <paramref name="container"/>[<paramref name="key"/>] (an inline schema) with a reference to the component
    /// <paramref name="name"/>, which receives the schema's type keywords. Use keywords stay at the use, wrapped as
    /// <c>allOf: [$ref]</c> (which NSwag maps to the shared type). The component is created unless it exists.
    /// </summary>
    public static void Hoist(ContractDocument document, JsonNode container, string key, string name, bool createComponent)
    {
        var inline = (JsonObject)(container is JsonObject o ? o[key]! : ((JsonArray)container)[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)]!);
        var component = new JsonObject();
        var use = new JsonObject();
        foreach (var (keyword, value) in inline.ToList())
        {
            inline.Remove(keyword);
            if (UseKeywords.Contains(keyword))
            {
                use[keyword] = value;
                if (keyword == "description")
                {
                    component[keyword] = value?.DeepClone();
                }
            }
            else
            {
                component[keyword] = value;
            }
        }

        if (createComponent)
        {
            document.Schemas[name] = component;
        }

        JsonObject replacement;
        if (use.Count == 0)
        {
            replacement = ContractDocument.SchemaRef(name);
        }
        else
        {
            replacement = new JsonObject { ["allOf"] = new JsonArray(ContractDocument.SchemaRef(name)) };
            foreach (var (keyword, value) in use.ToList())
            {
                use.Remove(keyword);
                replacement[keyword] = value;
            }
        }

        if (container is JsonObject obj)
        {
            obj[key] = replacement;
        }
        else
        {
            ((JsonArray)container)[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] = replacement;
        }
    }

    /// <summary>Renames a component schema and every <c>$ref</c> to it.</summary>
    public static void Rename(ContractDocument document, string from, string to)
    {
        var schemas = document.Schemas;
        var entries = schemas.ToList();
        foreach (var (key, _) in entries)
        {
            schemas.Remove(key);
        }

        foreach (var (key, value) in entries)
        {
            schemas[key == from ? to : key] = value;
        }

        var oldRef = "#/components/schemas/" + from;
        foreach (var (_, node) in ContractDocument.Walk(document.Root, string.Empty).ToList())
        {
            if (node is JsonObject obj && ContractDocument.Text(obj["$ref"]) == oldRef)
            {
                obj["$ref"] = "#/components/schemas/" + to;
            }
        }
    }
}
