using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PgBeam.CodeGen.Contract;

namespace PgBeam.CodeGen.Normalization;

/// <summary>
/// Decides which operations the SDK generates. Left out: operations under the <c>Internal</c> tag (service to service,
/// with its own secret), under a tag marked <c>x-sdk-exclude</c> (<c>MCP</c>), or marked <c>x-sdk-exclude</c>
/// themselves; and operations whose success body is not JSON, which must be written by hand in src/PgBeam/Services
/// (found there by their operation id) or the build stops. Schemas only the left-out operations use are dropped too,
/// so their types do not appear in the SDK.
/// </summary>
internal static class OperationSelection
{
    public const string InternalTag = "Internal";

    public static void Apply(ContractDocument document, NormalizerOptions options, ContractProblems problems)
    {
        var excludedTags = new HashSet<string>(StringComparer.Ordinal) { InternalTag };
        foreach (var tag in (document.Root["tags"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (tag["x-sdk-exclude"] is not null && ContractDocument.Text(tag["name"]) is { } name)
            {
                excludedTags.Add(name);
            }
        }

        var kept = new List<ContractOperation>();
        var dropped = new List<ContractOperation>();
        foreach (var operation in document.Operations().ToList())
        {
            var tags = operation.Tags;
            if (operation.Node["x-sdk-exclude"] is not null || (tags.Count > 0 && excludedTags.Contains(tags[0])))
            {
                dropped.Add(operation);
                continue;
            }

            if (NonJsonSuccessMediaType(operation) is { } mediaType)
            {
                if (options.HandWrittenOperations.Contains(operation.Id))
                {
                    dropped.Add(operation);
                    continue;
                }

                problems.Add(
                    $"operation {operation.Id} ({operation.Method.ToUpperInvariant()} {operation.Path}): its success response is {mediaType}, which the " +
                    "templates cannot express (they read JSON). Write the method by hand in src/PgBeam/Services (as AgentsClient.AuditLogExport.cs does " +
                    "for exportAuditLogs, with an ApiRequest naming the operation id), or mark the operation x-sdk-exclude in the contract.");
            }

            kept.Add(operation);
        }

        var keptSchemas = Reachable(document, kept.Select(o => (JsonNode)o.Node).Concat(kept.Select(o => (JsonNode)o.PathItem)));
        var droppedSchemas = Reachable(document, dropped.Select(o => (JsonNode)o.Node));
        foreach (var operation in dropped)
        {
            operation.PathItem.Remove(operation.Method);
            if (!operation.PathItem.Any(p => ContractDocument.HttpMethods.Contains(p.Key)))
            {
                document.Paths.Remove(operation.Path);
            }
        }

        foreach (var schema in droppedSchemas.Except(keptSchemas))
        {
            document.Schemas.Remove(schema);
        }
    }

    /// <summary>The media type of a 2xx body that is not JSON, or null when every success body is JSON (or empty).</summary>
    public static string? NonJsonSuccessMediaType(ContractOperation operation) =>
        operation.SuccessResponses()
            .SelectMany(r => (r.Response["content"] as JsonObject)?.Select(c => c.Key) ?? [])
            .FirstOrDefault(m => !IsJson(m));

    public static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The component schemas reachable through <c>$ref</c>s from <paramref name="roots"/>.</summary>
    public static HashSet<string> Reachable(ContractDocument document, IEnumerable<JsonNode> roots)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<JsonNode>(roots);
        var visitedNodes = new HashSet<JsonNode>(ReferenceEqualityComparer.Instance);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            foreach (var (_, child) in ContractDocument.Walk(node, string.Empty))
            {
                if (child is not JsonObject obj || ContractDocument.Text(obj["$ref"]) is not { } reference)
                {
                    continue;
                }

                if (reference.StartsWith("#/components/schemas/", StringComparison.Ordinal))
                {
                    var name = reference["#/components/schemas/".Length..];
                    if (seen.Add(name) && document.Schemas[name] is { } schema)
                    {
                        pending.Push(schema);
                    }
                }
                else if (document.Resolve(reference) is { } target && visitedNodes.Add(target))
                {
                    pending.Push(target);
                }
            }
        }

        return seen;
    }
}
