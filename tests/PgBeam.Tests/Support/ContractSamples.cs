using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using PgBeam.CodeGen.Contract;

namespace PgBeam.Tests.Support;

/// <summary>
/// The smallest responses the contract allows, built from openapi/pgbeam.yaml: every required field with a value of
/// its type (first enum value, an RFC 3339 time for date-time), nothing optional. Fake servers start from these, so
/// they keep matching the contract as it grows required fields.
/// </summary>
internal static class ContractSamples
{
    private static readonly Lazy<ContractDocument> Contract = new(() =>
        new ContractDocument(YamlContract.Load(Path.Combine(RepoPaths.Root, "openapi", "pgbeam.yaml"))));

    /// <summary>The minimal success body of <paramref name="operationId"/>.</summary>
    public static JObject Response(string operationId)
    {
        var operation = Contract.Value.Operations().Single(o => o.Id == operationId);
        return (JObject)Minimal(operation.SuccessBodySchema(), 0);
    }

    /// <summary>The minimal element of array property <paramref name="itemsProperty"/> of <paramref name="operationId"/>'s success body.</summary>
    public static JObject Item(string operationId, string itemsProperty)
    {
        var operation = Contract.Value.Operations().Single(o => o.Id == operationId);
        var array = Contract.Value.Actual(operation.SuccessBodySchema()!["properties"]![itemsProperty]);
        return (JObject)Minimal(array!["items"], 0);
    }

    /// <summary>
    /// <paramref name="json"/> (what a test cares about) on top of the smallest success body of
    /// <paramref name="operationId"/>, so the test states only its own fields and the body still has every required one.
    /// </summary>
    public static string Complete(string operationId, string json) => Merge(Response(operationId), json);

    /// <summary><paramref name="json"/> on top of the smallest instance of the component schema <paramref name="schemaName"/>.</summary>
    public static string CompleteSchema(string schemaName, string json) =>
        Merge((JObject)Minimal(ContractDocument.SchemaRef(schemaName), 0), json);

    private static string Merge(JObject body, string json)
    {
        // Timestamps stay text: parsing them as dates would change how they are written back.
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(json)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        body.Merge(JObject.Load(reader), new JsonMergeSettings { MergeArrayHandling = MergeArrayHandling.Replace, MergeNullValueHandling = MergeNullValueHandling.Merge });
        return body.ToString(Newtonsoft.Json.Formatting.None);
    }

    /// <summary>
    /// A fake server's answer to <paramref name="request"/>: the contract operation whose method and path template match
    /// it, answered with its first success status and the smallest body the contract allows (none for a 204).
    /// </summary>
    public static HttpResponseMessage ResponseFor(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        var operation = Contract.Value.Operations().First(o =>
            string.Equals(o.Method, request.Method.Method, StringComparison.OrdinalIgnoreCase)
            && Regex.IsMatch(path, "^" + Regex.Replace(Regex.Escape(o.Path), @"\\\{[^}]+}", "[^/]+") + "$"));
        var (status, _) = operation.SuccessResponses().First();
        var response = new HttpResponseMessage((HttpStatusCode)int.Parse(status, CultureInfo.InvariantCulture));
        if (operation.SuccessBodySchema() is not null)
        {
            response.Content = new StringContent(Response(operation.Id).ToString(), Encoding.UTF8, "application/json");
        }

        return response;
    }

    private static JToken Minimal(JsonNode? node, int depth)
    {
        var schema = Contract.Value.Actual(node);
        if (schema is null || depth > 8)
        {
            return JValue.CreateNull();
        }

        if (schema["enum"] is JsonArray values)
        {
            return new JValue(values[0]!.GetValue<string>());
        }

        switch (ContractDocument.Text(schema["type"]))
        {
            case "string":
                return ContractDocument.Text(schema["format"]) switch
                {
                    "date-time" => new JValue("2026-01-02T03:04:05Z"),
                    "date" => new JValue("2026-01-02"),
                    "uri" => new JValue("https://example.com/"),
                    _ => new JValue("x"),
                };
            case "integer":
            case "number":
                return new JValue(0);
            case "boolean":
                return new JValue(false);
            case "array":
                return new JArray();
        }

        var result = new JObject();
        var required = (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).ToHashSet();
        foreach (var (name, property) in schema["properties"] as JsonObject ?? [])
        {
            if (required.Contains(name))
            {
                var nullable = Contract.Value.Actual(property)?["nullable"] is JsonValue n && n.GetValue<bool>();
                result[name] = nullable ? JValue.CreateNull() : Minimal(property, depth + 1);
            }
        }

        return result;
    }
}
