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
        var (message, code, bodyRequestId) = ReadMessage(body);
        var headers = CollectHeaders(response);
        var details = new PgBeamErrorDetails(response.StatusCode, redactor.Redact(message ?? StatusText(response))!)
        {
            ErrorCode = redactor.Redact(code),
            // A header is the server's text like any other: one echoing the key must not carry it into the message.
            // The header first; a problem document repeats the id as request_id, the only place when no header came.
            RequestId = redactor.Redact(headers.TryGetValue("X-Request-Id", out var ids) && ids.Count > 0 ? ids[0] : bodyRequestId),
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
    /// The message, code and request id, in order of preference: an RFC 9457 problem document, the contract's error
    /// body (<c>detail</c>, else <c>title</c>; <c>code</c>; <c>request_id</c>), the envelope of earlier API versions
    /// (<c>error.message</c>, <c>error.code</c>), a bare <c>message</c> (or a string <c>error</c>) with <c>code</c>.
    /// A body that is not JSON (an HTML page from a load balancer) yields nothing, never a parser exception.
    /// </summary>
    internal static (string? Message, string? Code, string? RequestId) ReadMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.TrimStart()[0] != '{')
        {
            return (null, null, null);
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
            return (null, null, null);
        }

        var requestId = Text(root["request_id"]);
        var detail = Text(root["detail"]) ?? Text(root["title"]);
        if (detail is not null)
        {
            return (detail, Text(root["code"]), requestId);
        }

        if (root["error"] is JObject error)
        {
            return (Text(error["message"]), Text(error["code"]), requestId);
        }

        return (Text(root["message"]) ?? Text(root["error"]), Text(root["code"]), requestId);
    }

    private static string? Text(JToken? token) =>
        token is JValue { Type: JTokenType.String } value && !string.IsNullOrWhiteSpace((string?)value) ? (string?)value : null;

    private static string StatusText(HttpResponseMessage response) =>
        string.IsNullOrWhiteSpace(response.ReasonPhrase) ? response.StatusCode.ToString() : response.ReasonPhrase!;
}
