using System;
using System.Linq;
using System.Text.Json.Nodes;
using PgBeam.CodeGen.Contract;

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

            var read = operation.PathItem["get"] is JsonObject get && ContractDocument.Text(get["operationId"]) is { } readId
                && SuccessBodyComponent(new ContractOperation(document, operation.Path, "get", operation.PathItem, get)) == resource
                ? readId
                : null;
            // Flat strings: the DTO templates read a schema's extensions as plain values only.
            resourceSchema["x-pgbeam-to-input"] = input;
            resourceSchema["x-pgbeam-to-input-update"] = char.ToUpperInvariant(operation.Id[0]) + operation.Id[1..] + "Async";
            resourceSchema["x-pgbeam-to-input-method"] = operation.Method;
            if (read is not null)
            {
                operation.Node["x-pgbeam-modify"] = new JsonObject { ["resource"] = resource, ["input"] = input, ["read"] = read };
            }
        }
    }

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
