using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PgBeam.CodeGen.Contract;
using PgBeam.CodeGen.Naming;

namespace PgBeam.CodeGen.Normalization;

/// <summary>
/// Names every inline object that would otherwise get a generated-looking type name (NSwag names them after the
/// property: <c>Projects</c>, <c>Audit_logs</c>, <c>Error2</c>). An object under property <c>p</c> of schema <c>S</c>
/// becomes the component <c>S</c> + PascalCase(<c>p</c>), in the singular for the items of an array
/// (<c>AccountExport.audit_logs[]</c> → <c>AccountExportAuditLog</c>); an inline request body becomes
/// <c>&lt;OperationId&gt;Request</c>, an inline success body <c>&lt;OperationId&gt;Response</c>. A name already taken by a
/// different schema stops the build.
/// </summary>
internal static class InlineObjects
{
    public static void Apply(ContractDocument document, ContractProblems problems)
    {
        foreach (var operation in document.Operations().ToList())
        {
            var operationName = NameRules.Pascal(operation.Id);
            if (operation.Node["requestBody"] is JsonObject body && document.Actual(body) is { } resolvedBody)
            {
                foreach (var (_, media) in (resolvedBody["content"] as JsonObject ?? []).ToList())
                {
                    if (media is JsonObject mediaObject && IsInlineObject(mediaObject["schema"]))
                    {
                        HoistOrReuse(document, mediaObject, "schema", operationName + "Request", problems, $"the request body of operation {operation.Id}");
                    }
                }
            }

            foreach (var (status, response) in operation.SuccessResponses().ToList())
            {
                foreach (var (_, media) in (response["content"] as JsonObject ?? []).ToList())
                {
                    if (media is JsonObject mediaObject && IsInlineObject(mediaObject["schema"]))
                    {
                        HoistOrReuse(document, mediaObject, "schema", operationName + "Response", problems, $"the {status} body of operation {operation.Id}");
                    }
                }
            }
        }

        var pending = new Queue<string>(document.Schemas.Select(s => s.Key));
        while (pending.Count > 0)
        {
            var schemaName = pending.Dequeue();
            if (document.Schemas[schemaName] is not JsonObject schema || schema["properties"] is not JsonObject properties)
            {
                continue;
            }

            foreach (var (propertyName, property) in properties.ToList())
            {
                if (property is not JsonObject propertyObject)
                {
                    continue;
                }

                if (IsInlineObject(propertyObject))
                {
                    var name = schemaName + NameRules.Pascal(propertyName);
                    if (HoistOrReuse(document, properties, propertyName, name, problems, $"property {propertyName} of schema {schemaName}"))
                    {
                        pending.Enqueue(name);
                    }
                }
                else if (ContractDocument.Text(propertyObject["type"]) == "array" && IsInlineObject(propertyObject["items"]))
                {
                    var name = schemaName + NameRules.Pascal(NameRules.Singular(propertyName));
                    if (HoistOrReuse(document, propertyObject, "items", name, problems, $"the items of property {propertyName} of schema {schemaName}"))
                    {
                        pending.Enqueue(name);
                    }
                }
            }
        }
    }

    /// <summary>An object schema with its own properties, written in place rather than referenced.</summary>
    public static bool IsInlineObject(JsonNode? node) =>
        node is JsonObject obj && obj["$ref"] is null && obj["properties"] is JsonObject { Count: > 0 }
        && (obj["type"] is null || ContractDocument.Text(obj["type"]) == "object");

    /// <summary>Hoists the inline schema, or points at an existing identical component; false when nothing new was created.</summary>
    private static bool HoistOrReuse(ContractDocument document, JsonNode container, string key, string name, ContractProblems problems, string where)
    {
        if (document.Schemas[name] is JsonObject existing)
        {
            var candidate = ((JsonObject)container)[key]!.DeepClone().AsObject();
            existing = existing.DeepClone().AsObject();
            foreach (var keyword in new[] { "description", "nullable", "readOnly", "writeOnly", "default", "deprecated", "example" })
            {
                candidate.Remove(keyword);
                existing.Remove(keyword);
            }

            if (!JsonNode.DeepEquals(candidate, existing))
            {
                problems.Add($"{where}: an inline object that would be named {name}, but schema {name} already exists with other content; " +
                    "name the object in the contract (a components/schemas entry and a $ref).");
                return false;
            }

            SchemaReferences.Hoist(document, container, key, name, createComponent: false);
            return false;
        }

        SchemaReferences.Hoist(document, container, key, name, createComponent: true);
        return true;
    }
}
