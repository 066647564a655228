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

    private ContractDocument(JObject document, IReadOnlyList<ContractOperation> operations)
    {
        Document = document;
        Operations = operations;
    }

    /// <summary>The whole contract as JSON, for schema walks.</summary>
    public JObject Document { get; }

    /// <summary>Every operation, including the excluded tags.</summary>
    public IReadOnlyList<ContractOperation> Operations { get; }

    /// <summary>The operations the SDK must offer: all but those tagged <see cref="ExcludedTags"/> or marked <c>x-sdk-exclude</c>.</summary>
    public IReadOnlyList<ContractOperation> PublicOperations =>
        Operations.Where(o => !o.ExcludedFromSdk).ToList();

    /// <summary>The services the SDK must offer: the first tags of the public operations, in contract order.</summary>
    public IReadOnlyList<string> ServiceTags => PublicOperations.Select(o => o.ServiceTag).Distinct(StringComparer.Ordinal).ToList();

    public ContractOperation this[string operationId] =>
        Operations.SingleOrDefault(o => o.OperationId == operationId)
        ?? throw new KeyNotFoundException($"The contract has no operation '{operationId}'.");

    /// <summary>A schema of the contract, by component name.</summary>
    public SchemaNode Component(string name) =>
        Document["components"]?["schemas"]?[name] is not null
            ? SchemaNode.Of(Document, new JObject { ["$ref"] = "#/components/schemas/" + name }, name)
            : throw new KeyNotFoundException($"The contract has no schema '{name}'.");

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

        return new ContractDocument(document, operations);
    }

    /// <summary>The operation a request with this method and path calls; literal segments win over parameters.</summary>
    public ContractOperation? Match(string method, string path) =>
        Operations.Where(o => o.Matches(method, path)).OrderByDescending(o => o.LiteralSegments).FirstOrDefault();

    private static ContractOperation ReadOperation(JObject document, string path, string method, JObject operation, List<JToken> shared)
    {
        var id = (string?)operation["operationId"] ?? throw new InvalidDataException($"{method.ToUpperInvariant()} {path} has no operationId.");
        var tags = operation["tags"]?.Values<string>().OfType<string>().ToList() ?? [];
        var excluded = tags.Any(ExcludedTags.Contains) || operation["x-sdk-exclude"] is JValue { Type: JTokenType.Boolean, Value: true };

        // Operation-level parameters override path-level ones with the same name and location.
        var parameters = new Dictionary<(string In, string Name), ContractParameter>();
        foreach (var parameter in shared.Concat(operation["parameters"]?.Children() ?? []))
        {
            var resolved = ResolveParameter(document, parameter);
            var name = (string)resolved["name"]!;
            var location = (string)resolved["in"]!;
            var schema = resolved["schema"] ?? throw new InvalidDataException($"{id}: {location} parameter '{name}' has no schema.");
            parameters[(location, name)] = new ContractParameter(
                name,
                location,
                location == "path" || resolved["required"] is JValue { Type: JTokenType.Boolean, Value: true },
                SchemaNode.Of(document, schema, $"{id} {location} parameter {name}"));
        }

        ContractBodyShape? bodyShape = null;
        ContractRequestBody? body = null;
        string? bodyProblem = null;
        if (operation["requestBody"] is JObject requestBody)
        {
            var content = (JObject?)requestBody["content"] ?? throw new InvalidDataException($"{id}: requestBody without content.");
            var json = content["application/json"] ?? throw new NotSupportedException($"{id}: a request body that is not application/json.");
            var required = requestBody["required"] is JValue { Type: JTokenType.Boolean, Value: true };
            bodyShape = new ContractBodyShape(SchemaNode.Of(document, json["schema"]!, $"{id} request body"), required);
            try
            {
                body = SchemaFieldPaths.ForBody(document, json["schema"]!, required);
            }
            catch (NotSupportedException unsupported)
            {
                bodyProblem = unsupported.Message;
            }
        }

        var responses = ReadSuccessResponses(document, id, operation);
        return new ContractOperation(
            id, method.ToUpperInvariant(), path, tags, excluded, parameters.Values.ToList(), bodyShape, body, bodyProblem, responses,
            ReadPagination(id, method, operation, parameters.Values, responses))
        {
            RefusesIdempotencyKey = (string?)operation["x-pgbeam-idempotency"] == "refused",
        };
    }

    private static List<ContractResponse> ReadSuccessResponses(JObject document, string id, JObject operation)
    {
        var responses = new List<ContractResponse>();
        foreach (var response in ((JObject?)operation["responses"])?.Properties() ?? [])
        {
            if (!int.TryParse(response.Name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var status) || status is < 200 or > 299)
            {
                continue;
            }

            var resolved = ResolveComponent(document, response.Value, "#/components/responses/");
            var content = resolved["content"] as JObject;
            var media = content?.Properties().Select(p => p.Name).OrderBy(m => m == "application/json" ? 0 : 1).FirstOrDefault();
            var schema = media is null ? null : content![media]?["schema"];
            responses.Add(new ContractResponse(status, media, schema is null ? null : SchemaNode.Of(document, schema, $"{id} response {status}")));
        }

        return responses.OrderBy(r => r.Status).ToList();
    }

    private static ContractPagination? ReadPagination(string id, string method, JObject operation, IEnumerable<ContractParameter> parameters, List<ContractResponse> responses)
    {
        if (operation["x-pgbeam-pagination"] is JObject marker)
        {
            var style = (string?)marker["style"] switch
            {
                "token" => PagingStyle.Token,
                "keyset" => PagingStyle.Keyset,
                "page" => PagingStyle.PageNumber,
                var other => throw new InvalidDataException($"{id}: x-pgbeam-pagination has an unknown style '{other}'."),
            };
            return new ContractPagination(style, (string?)marker["items"] ?? throw new InvalidDataException($"{id}: x-pgbeam-pagination names no items."), Inferred: false);
        }

        var page = responses.FirstOrDefault(r => r.Status == 200)?.Schema;
        if (method != "get" || page is null || !parameters.Any(p => p.In == "query" && p.Name == "page_token") || page.Property("next_page_token") is null)
        {
            return null;
        }

        var arrays = page.Properties.Where(p => page.Property(p.Name)!.Type == "array").Select(p => p.Name).ToList();
        return arrays.Count == 1 ? new ContractPagination(PagingStyle.Token, arrays[0], Inferred: true) : null;
    }

    private static JObject ResolveParameter(JObject document, JToken parameter) => ResolveComponent(document, parameter, "#/components/parameters/");

    private static JObject ResolveComponent(JObject document, JToken node, string prefix)
    {
        if (node["$ref"] is JValue reference)
        {
            var target = (string)reference!;
            var name = target.StartsWith(prefix, StringComparison.Ordinal)
                ? target[prefix.Length..]
                : throw new InvalidDataException($"Unsupported $ref {target} (expected {prefix}…).");
            var section = prefix.Split('/')[^2];
            return (JObject?)document["components"]?[section]?[name] ?? throw new InvalidDataException($"$ref {target} points nowhere.");
        }

        return (JObject)node;
    }
}
