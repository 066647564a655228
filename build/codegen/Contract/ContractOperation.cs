using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace PgBeam.CodeGen.Contract;

/// <summary>One operation of the contract: where it lives and the parameters that apply to it.</summary>
internal sealed class ContractOperation(ContractDocument document, string path, string method, JsonObject pathItem, JsonObject node)
{
    public string Path { get; } = path;

    public string Method { get; } = method;

    public JsonObject PathItem { get; } = pathItem;

    public JsonObject Node { get; } = node;

    public string Id => ContractDocument.Text(Node["operationId"]) ?? $"{Method.ToUpperInvariant()} {Path}";

    /// <summary>The operation's tags, first one first.</summary>
    public IReadOnlyList<string> Tags =>
        (Node["tags"] as JsonArray)?.Select(ContractDocument.Text).OfType<string>().ToList() ?? [];

    /// <summary>
    /// The parameters that apply: the path item's, overridden by the operation's of the same name and location.
    /// Each entry is the resolved parameter object and the list/index it sits at (so a step can remove it).
    /// </summary>
    public IReadOnlyList<(JsonObject Parameter, JsonArray Owner, JsonNode Entry)> Parameters()
    {
        var result = new List<(JsonObject, JsonArray, JsonNode)>();
        foreach (var owner in new[] { Node["parameters"] as JsonArray, PathItem["parameters"] as JsonArray })
        {
            if (owner is null)
            {
                continue;
            }

            foreach (var entry in owner.ToList())
            {
                if (entry is null || document.Actual(entry) is not { } parameter)
                {
                    continue;
                }

                var name = ContractDocument.Text(parameter["name"]);
                var location = ContractDocument.Text(parameter["in"]);
                if (result.Any(r => ContractDocument.Text(r.Item1["name"]) == name && ContractDocument.Text(r.Item1["in"]) == location))
                {
                    continue;
                }

                result.Add((parameter, owner, entry));
            }
        }

        return result;
    }

    /// <summary>The responses, by status code (resolved).</summary>
    public IEnumerable<(string Status, JsonObject Response)> Responses()
    {
        if (Node["responses"] is not JsonObject responses)
        {
            yield break;
        }

        foreach (var (status, value) in responses.ToList())
        {
            if (document.Actual(value) is { } response)
            {
                yield return (status, response);
            }
        }
    }

    public IEnumerable<(string Status, JsonObject Response)> SuccessResponses() =>
        Responses().Where(r => r.Status.StartsWith('2'));

    public override string ToString() => Id;

    /// <summary>The schema of the JSON body of the first 2xx response, resolved, or null.</summary>
    public JsonObject? SuccessBodySchema() =>
        SuccessResponses()
            .Select(r => (r.Response["content"] as JsonObject)?["application/json"]?["schema"])
            .Where(s => s is not null)
            .Select(document.Actual)
            .FirstOrDefault();

    public bool IsGet => string.Equals(Method, "get", StringComparison.Ordinal);
}
