using System;
using System.Linq;
using System.Text.Json.Nodes;
using PgBeam.CodeGen.Contract;

namespace PgBeam.CodeGen.Normalization;

/// <summary>
/// Stops the build on what the templates cannot express, naming the operation or schema and the construct, instead
/// of letting NSwag drop it or emit code that does not compile: <c>oneOf</c>/<c>anyOf</c>/<c>not</c>/discriminators,
/// <c>allOf</c> composition of more than one schema, request bodies that are not exactly one JSON media type, a
/// second success media type or body type, and query parameters that are arrays or objects.
/// </summary>
internal static class UnsupportedConstructs
{
    public static void Apply(ContractDocument document, ContractProblems problems)
    {
        foreach (var (name, schema) in document.Schemas)
        {
            Check(schema, $"schema {name}", problems);
        }

        foreach (var operation in document.Operations())
        {
            var where = $"operation {operation.Id}";
            if (operation.Node["requestBody"] is JsonObject requestBody && document.Actual(requestBody)?["content"] is JsonObject content)
            {
                var mediaTypes = content.Select(c => c.Key).ToList();
                if (mediaTypes.Count != 1 || !OperationSelection.IsJson(mediaTypes[0]))
                {
                    problems.Add($"{where}: request body media type(s) {string.Join(", ", mediaTypes)}; the templates send exactly one JSON body. " +
                        "Write the method by hand in src/PgBeam/Services or change the contract.");
                }

                foreach (var (_, media) in content)
                {
                    Check(media?["schema"], where + " request body", problems);
                }
            }

            var bodies = operation.SuccessResponses()
                .SelectMany(r => (r.Response["content"] as JsonObject ?? []).Select(c => (r.Status, c.Key, Schema: c.Value?["schema"])))
                .ToList();
            if (bodies.Select(b => b.Key).Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1)
            {
                problems.Add($"{where}: a second success media type ({string.Join(", ", bodies.Select(b => b.Status + " " + b.Key))}); the templates " +
                    "return one JSON type per operation. Write the method by hand in src/PgBeam/Services or change the contract.");
            }
            else if (bodies.Select(b => b.Schema?.ToJsonString()).Distinct(StringComparer.Ordinal).Count() > 1)
            {
                problems.Add($"{where}: success responses with different body schemas ({string.Join(", ", bodies.Select(b => b.Status))}); the templates " +
                    "return one type per operation. Give them one schema in the contract.");
            }

            foreach (var body in bodies)
            {
                Check(body.Schema, $"{where} {body.Status} response", problems);
            }

            foreach (var (parameter, _, _) in operation.Parameters())
            {
                var type = ContractDocument.Text(document.Actual(parameter["schema"])?["type"]);
                if (ContractDocument.Text(parameter["in"]) == "query" && type is "array" or "object")
                {
                    problems.Add($"{where}: query parameter {ContractDocument.Text(parameter["name"])} is an {type}; ApiRequest sends scalar query " +
                        "values only. Add the serialization style to src/PgBeam/Http/ApiRequest.cs and the templates, or change the contract.");
                }

                Check(parameter["schema"], $"{where} parameter {ContractDocument.Text(parameter["name"])}", problems);
            }
        }
    }

    private static void Check(JsonNode? schema, string where, ContractProblems problems)
    {
        foreach (var (pointer, node) in ContractDocument.Walk(schema, string.Empty))
        {
            if (node is not JsonObject obj || pointer.Contains("/example", StringComparison.Ordinal))
            {
                continue;
            }

            var at = pointer.Length == 0 ? string.Empty : $" at {pointer}";
            foreach (var keyword in new[] { "oneOf", "anyOf", "not", "discriminator" })
            {
                if (obj.ContainsKey(keyword) && !IsKeywordPropertyName(pointer))
                {
                    problems.Add($"{where}{at}: {keyword}; the DTO templates (build/templates/Class.liquid) generate no polymorphic types, so NSwag would emit " +
                        "code that does not compile or loses data. Model it without " + keyword + " in the contract (for example one object with the " +
                        "union of the properties and an enum kind), or extend the templates.");
                }
            }

            if (obj["allOf"] is JsonArray { Count: > 1 } && !IsKeywordPropertyName(pointer))
            {
                problems.Add($"{where}{at}: allOf composition of {((JsonArray)obj["allOf"]!).Count} schemas; Class.liquid generates no base classes, " +
                    "so inherited properties would be lost. Flatten it in the contract, or extend the templates.");
            }
        }
    }

    /// <summary>Whether the pointer ends at a property that happens to be called like a keyword (properties/not).</summary>
    private static bool IsKeywordPropertyName(string pointer) =>
        pointer.EndsWith("/properties", StringComparison.Ordinal);
}
