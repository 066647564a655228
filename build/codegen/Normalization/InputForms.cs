using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PgBeam.CodeGen.Contract;
using PgBeam.CodeGen.Naming;

namespace PgBeam.CodeGen.Normalization;

/// <summary>
/// Pairs each resource with the input form its conditional update takes, for a read-modify-write: an operation that
/// declares <c>If-Match</c>, sends a component schema (the input) and answers another (the resource) marks the
/// resource <c>x-pgbeam-to-input: &lt;input&gt;</c> (with the update's method name and HTTP method beside it), which gives it a generated <c>ToInput()</c>, and marks
/// itself <c>x-pgbeam-modify</c> with the read operation of the same path, which gives the service a
/// <c>Modify&lt;Resource&gt;Async</c>. A replacement (PUT) whose input has a write-only property the resource never
/// returns (a webhook's signing secret) is left out: a copy would silently drop it, so that resource's helper is written
/// by hand, where the caller is made to decide.
/// </summary>
internal static class InputForms
{
    public static void Apply(ContractDocument document)
    {
        foreach (var operation in document.Operations().ToList())
        {
            if (operation.IsGet || !DeclaresIfMatch(operation)
                || ContractDocument.ComponentName((operation.Node["requestBody"]?["content"] as JsonObject)?["application/json"]?["schema"]) is not { } input
                || SuccessBodyComponent(operation) is not { } resource
                || input == resource
                || document.Schemas[resource] is not JsonObject resourceSchema || resourceSchema["x-pgbeam-to-input"] is not null
                || document.Schemas[input] is not JsonObject inputSchema)
            {
                continue;
            }

            if (operation.Method == "put" && HasWriteOnlyPropertyMissingFrom(document, inputSchema, resourceSchema))
            {
                continue;
            }

            // Flat strings: the DTO templates read a schema's extensions as plain values only.
            resourceSchema["x-pgbeam-to-input"] = input;
            resourceSchema["x-pgbeam-to-input-update"] = MethodName(operation.Id);
            resourceSchema["x-pgbeam-to-input-method"] = operation.Method;
            if (ReadOf(document, operation, resource) is { } read)
            {
                operation.Node["x-pgbeam-modify"] = new JsonObject
                {
                    ["name"] = "Modify" + resource + "Async",
                    ["resource"] = resource,
                    ["input"] = input,
                    ["read"] = MethodName(read.Id, "WithResponseAsync"),
                    ["update"] = MethodName(operation.Id),
                    ["parameters"] = new JsonArray(PathParameters(document, operation).ToArray<JsonNode?>()),
                };
            }
        }
    }

    /// <summary>
    /// The GET of the same path, in the same service, answering the same resource and taking no more than the path
    /// (a helper can then read with exactly the update's arguments); null when there is none.
    /// </summary>
    private static ContractOperation? ReadOf(ContractDocument document, ContractOperation update, string resource)
    {
        if (update.PathItem["get"] is not JsonObject get)
        {
            return null;
        }

        var read = new ContractOperation(document, update.Path, "get", update.PathItem, get);
        var needsMore = read.Parameters().Concat(update.Parameters()).Any(p =>
            ContractDocument.Text(p.Parameter["in"]) == "query" && p.Parameter["required"] is JsonValue r && r.TryGetValue<bool>(out var required) && required);
        return SuccessBodyComponent(read) == resource && read.Tags.SequenceEqual(update.Tags) && !needsMore ? read : null;
    }

    /// <summary>The path parameters in path order, as the helper's arguments: camelCase variable and description.</summary>
    private static IEnumerable<JsonObject> PathParameters(ContractDocument document, ContractOperation operation)
    {
        var declared = operation.Parameters()
            .Where(p => ContractDocument.Text(p.Parameter["in"]) == "path")
            .ToDictionary(p => ContractDocument.Text(p.Parameter["name"]) ?? string.Empty, p => p.Parameter);
        foreach (var name in OperationFacts.PathParameterNames(operation))
        {
            var description = declared.TryGetValue(name, out var parameter) ? ContractDocument.Text(parameter["description"]) : null;
            yield return new JsonObject { ["variable"] = NameRules.Camel(name), ["description"] = description ?? $"The {name} path parameter." };
        }
    }

    private static string MethodName(string operationId, string suffix = "Async") => char.ToUpperInvariant(operationId[0]) + operationId[1..] + suffix;

    /// <summary>The component schema of the first JSON success body, by name (before resolving), or null.</summary>
    private static string? SuccessBodyComponent(ContractOperation operation) =>
        ContractDocument.ComponentName(operation.SuccessResponses()
            .Select(r => (r.Response["content"] as JsonObject)?["application/json"]?["schema"])
            .FirstOrDefault(s => s is not null));

    private static bool DeclaresIfMatch(ContractOperation operation) =>
        operation.Node["x-pgbeam-headers"] is JsonArray headers
        && headers.Any(h => string.Equals(ContractDocument.Text(h?["name"]), "If-Match", StringComparison.OrdinalIgnoreCase));

    private static bool HasWriteOnlyPropertyMissingFrom(ContractDocument document, JsonObject input, JsonObject resource)
    {
        var resourceProperties = resource["properties"] as JsonObject ?? [];
        return (input["properties"] as JsonObject ?? []).Any(p =>
            document.Actual(p.Value)?["writeOnly"] is JsonValue flag && flag.TryGetValue<bool>(out var writeOnly) && writeOnly
            && !resourceProperties.ContainsKey(p.Key));
    }
}
