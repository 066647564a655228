using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace PgBeam.ContractTests.Contract;

/// <summary>
/// The operations of <c>openapi/pgbeam.yaml</c>, read in the test (not from the generated code), so the suite's idea
/// of "every operation" grows with the contract.
/// </summary>
internal sealed class ContractDocument
{
    /// <summary>Tags whose operations are not part of the SDK's public surface.</summary>
    public static readonly IReadOnlySet<string> ExcludedTags = new HashSet<string>(StringComparer.Ordinal) { "Internal", "MCP" };

    private static readonly string[] Methods = ["get", "put", "post", "patch", "delete", "head", "options", "trace"];

    private ContractDocument(IReadOnlyList<ContractOperation> operations) => Operations = operations;

    /// <summary>Every operation, including the excluded tags.</summary>
    public IReadOnlyList<ContractOperation> Operations { get; }

    /// <summary>The operations the SDK must offer: all but those tagged <see cref="ExcludedTags"/>.</summary>
    public IReadOnlyList<ContractOperation> PublicOperations =>
        Operations.Where(o => !o.Tags.Any(ExcludedTags.Contains)).ToList();

    public ContractOperation this[string operationId] =>
        Operations.SingleOrDefault(o => o.OperationId == operationId)
        ?? throw new KeyNotFoundException($"The contract has no operation '{operationId}'.");

    public static ContractDocument Load(string path)
    {
        var document = (JObject)YamlToJson.Load(path);
        var paths = (JObject?)document["paths"] ?? throw new InvalidDataException($"{path} has no paths.");
        var operations = new List<ContractOperation>();
        foreach (var pathItem in paths.Properties())
        {
            var item = (JObject)pathItem.Value;
            var shared = item["parameters"]?.Children().ToList() ?? [];
            foreach (var method in Methods)
            {
                if (item[method] is JObject operation)
                {
                    operations.Add(ReadOperation(document, pathItem.Name, method, operation, shared));
                }
            }
        }

        var duplicates = operations.GroupBy(o => o.OperationId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new InvalidDataException($"Operation ids used twice: {string.Join(", ", duplicates)}.");
        }

        return new ContractDocument(operations);
    }

    /// <summary>The operation a request with this method and path calls; literal segments win over parameters.</summary>
    public ContractOperation? Match(string method, string path) =>
        Operations.Where(o => o.Matches(method, path)).OrderByDescending(o => o.LiteralSegments).FirstOrDefault();

    private static ContractOperation ReadOperation(JObject document, string path, string method, JObject operation, List<JToken> shared)
    {
        var id = (string?)operation["operationId"] ?? throw new InvalidDataException($"{method.ToUpperInvariant()} {path} has no operationId.");
        var tags = operation["tags"]?.Values<string>().OfType<string>().ToList() ?? [];

        // Operation-level parameters override path-level ones with the same name and location.
        var parameters = new Dictionary<(string In, string Name), JObject>();
        foreach (var parameter in shared.Concat(operation["parameters"]?.Children() ?? []))
        {
            var resolved = ResolveParameter(document, parameter);
            parameters[((string)resolved["in"]!, (string)resolved["name"]!)] = resolved;
        }

        var query = parameters.Values
            .Where(p => (string?)p["in"] == "query")
            .Select(p => new ContractQueryParameter((string)p["name"]!, p["required"]?.Type == JTokenType.Boolean && (bool)p["required"]!))
            .ToList();

        ContractRequestBody? body = null;
        if (operation["requestBody"] is JObject requestBody)
        {
            var content = (JObject?)requestBody["content"] ?? throw new InvalidDataException($"{id}: requestBody without content.");
            var json = content["application/json"] ?? throw new NotSupportedException($"{id}: a request body that is not application/json.");
            var required = requestBody["required"]?.Type == JTokenType.Boolean && (bool)requestBody["required"]!;
            body = SchemaFieldPaths.ForBody(document, json["schema"]!, required);
        }

        return new ContractOperation(id, method.ToUpperInvariant(), path, tags, query, body);
    }

    private static JObject ResolveParameter(JObject document, JToken parameter)
    {
        if (parameter["$ref"] is JValue reference)
        {
            const string Prefix = "#/components/parameters/";
            var name = ((string)reference!).StartsWith(Prefix, StringComparison.Ordinal)
                ? ((string)reference!)[Prefix.Length..]
                : throw new InvalidDataException($"Unsupported parameter $ref {reference}.");
            return (JObject?)document["components"]?["parameters"]?[name] ?? throw new InvalidDataException($"$ref {reference} points nowhere.");
        }

        return (JObject)parameter;
    }
}
