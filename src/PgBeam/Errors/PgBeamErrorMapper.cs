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

/// <summary>Turns an error response into the matching exception of the family rooted at <see cref="PgBeamApiException"/>.</summary>
internal static class PgBeamErrorMapper
{
    /// <summary>Builds the exception for <paramref name="response"/>, whose body was already read into <paramref name="body"/>.</summary>
    /// <param name="response">The final response of the call.</param>
    /// <param name="body">Its body as text; null when there was none or it could not be read.</param>
    /// <param name="operationId">The contract operation id.</param>
    /// <param name="attempts">How many attempts the call made.</param>
    /// <param name="now">The current time, to turn a <c>Retry-After</c> date into a wait.</param>
    /// <param name="redactor">Masks the call's secrets in what the server wrote, should it echo one.</param>
    public static PgBeamApiException Create(HttpResponseMessage response, string? body, string? operationId, int attempts, DateTimeOffset now, SecretRedactor redactor)
    {
        var (message, code) = ReadMessage(body);
        var headers = CollectHeaders(response);
        var details = new PgBeamErrorDetails(response.StatusCode, redactor.Redact(message ?? StatusText(response))!)
        {
            ErrorCode = redactor.Redact(code),
            // A header is the server's text like any other: one echoing the key must not carry it into the message.
            RequestId = redactor.Redact(headers.TryGetValue("X-Request-Id", out var ids) && ids.Count > 0 ? ids[0] : null),
            Headers = headers,
            ResponseBody = body,
            OperationId = operationId,
            RetryAfter = RetryAfter.Parse(response.Headers, now),
            Attempts = attempts,
        };

        return response.StatusCode switch
        {
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => new PgBeamValidationException(details),
            HttpStatusCode.Unauthorized => new PgBeamUnauthorizedException(details),
            HttpStatusCode.Forbidden => new PgBeamForbiddenException(details),
            HttpStatusCode.NotFound => new PgBeamNotFoundException(details),
            HttpStatusCode.Conflict when string.Equals(code, PgBeamIdempotencyKeyReusedException.Code, StringComparison.OrdinalIgnoreCase)
                => new PgBeamIdempotencyKeyReusedException(details),
            HttpStatusCode.Conflict => new PgBeamConflictException(details),
            HttpStatusCode.TooManyRequests => new PgBeamRateLimitException(details),
            _ => new PgBeamApiException(details),
        };
    }

    /// <summary>Response and content headers, names case-insensitive.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> CollectHeaders(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            headers[header.Key] = header.Value.ToArray();
        }

        foreach (var header in response.Content.Headers)
        {
            headers[header.Key] = header.Value.ToArray();
        }

        return headers;
    }

    /// <summary>
    /// The message and code, in order of preference: an RFC 9457 problem document (<c>detail</c>, else <c>title</c>;
    /// <c>code</c>), PgBeam's envelope (<c>error.message</c>, <c>error.code</c>), a bare <c>message</c> (or a string
    /// <c>error</c>) with <c>code</c>. A body that is not JSON (an HTML page from a load balancer) yields nothing,
    /// never a parser exception.
    /// </summary>
    internal static (string? Message, string? Code) ReadMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return (null, null);
        }

        JObject root;
        try
        {
            using var reader = new JsonTextReader(new System.IO.StringReader(body))
            {
                DateParseHandling = DateParseHandling.None,
                MaxDepth = 64,
            };
            root = JObject.Load(reader);
        }
        catch (JsonException)
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

    private static string? Text(JToken? token) =>
        token is JValue { Type: JTokenType.String } value && !string.IsNullOrWhiteSpace((string?)value) ? (string?)value : null;

    private static string StatusText(HttpResponseMessage response) =>
        string.IsNullOrWhiteSpace(response.ReasonPhrase) ? response.StatusCode.ToString() : response.ReasonPhrase!;
}
