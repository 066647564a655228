using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PgBeam.Diagnostics;
using PgBeam.Http;

namespace PgBeam;

/// <summary>
/// Reads an error response's body: the message and code, an RFC 9457 problem document's members and field errors, or
/// the body as a model. Never throws for a body that is not what it expects; <see cref="PgBeamErrorFactory"/> builds
/// the exception from what it finds.
/// </summary>
internal static class ErrorBody
{
    /// <summary>An RFC 9457 problem document: an object with a string <c>type</c> or <c>title</c> beside a numeric <c>status</c>.</summary>
    public static bool IsProblem(JObject? root) =>
        root is not null && (Text(root["type"]) is not null || Text(root["title"]) is not null) && root["status"] is JValue { Type: JTokenType.Integer };

    public static List<PgBeamFieldError> ReadFieldErrors(JObject? problem, SecretRedactor redactor)
    {
        if (problem?["errors"] is not JArray items)
        {
            return [];
        }

        var errors = new List<PgBeamFieldError>(items.Count);
        foreach (var item in items.OfType<JObject>())
        {
            var field = Text(item["field"]);
            var message = Text(item["detail"]) ?? Text(item["message"]);
            if (field is not null || message is not null)
            {
                errors.Add(new PgBeamFieldError(redactor.Redact(field) ?? string.Empty, redactor.Redact(message) ?? string.Empty, redactor.Redact(Text(item["code"]))));
            }
        }

        return errors;
    }

    /// <summary>Reads an error body as <typeparamref name="T"/>; null when there is none or it does not fit (never throws).</summary>
    internal static T? TryRead<T>(string? body)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var reader = new JsonTextReader(new System.IO.StringReader(body)) { MaxDepth = 64 };
            return PgBeam.Serialization.PgBeamJson.Serializer.Deserialize<T>(reader);
        }
#pragma warning disable CA1031 // A body that does not fit is simply not that type.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>
    /// The message and code, in order of preference: an RFC 9457 problem document (<c>detail</c>, else <c>title</c>;
    /// <c>code</c>), PgBeam's envelope (<c>error.message</c>, <c>error.code</c>), a bare <c>message</c> (or a string
    /// <c>error</c>) with <c>code</c>. A body that is not JSON (an HTML page from a load balancer) yields nothing,
    /// never a parser exception.
    /// </summary>
    internal static (string? Message, string? Code) ReadMessage(string? body) => ReadMessage(ParseObject(body));

    public static (string? Message, string? Code) ReadMessage(JObject? root)
    {
        if (root is null)
        {
            return (null, null);
        }

        var detail = Text(root["detail"]) ?? Text(root["title"]);
        if (detail is not null)
        {
            return (detail, Text(root["code"]));
        }

        if (root["error"] is JObject error)
        {
            return (Text(error["message"]), Text(error["code"]));
        }

        return (Text(root["message"]) ?? Text(root["error"]), Text(root["code"]));
    }

    /// <summary>The body as a JSON object, or null when it is empty, not JSON or not an object (never a parser exception).</summary>
    public static JObject? ParseObject(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            using var reader = new JsonTextReader(new System.IO.StringReader(body))
            {
                DateParseHandling = DateParseHandling.None,
                MaxDepth = 64,
            };
            return JObject.Load(reader);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? Text(JToken? token) =>
        token is JValue { Type: JTokenType.String } value && !string.IsNullOrWhiteSpace((string?)value) ? (string?)value : null;
}
