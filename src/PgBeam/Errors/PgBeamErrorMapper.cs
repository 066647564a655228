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
        var root = ParseObject(body);
        var (message, code) = ReadMessage(root);
        var headers = CollectHeaders(response);
        var problem = IsProblem(root) ? root : null;
        var headerRequestId = headers.TryGetValue("X-Request-Id", out var ids) && ids.Count > 0 ? ids[0] : null;
        // The atomic batch's 409 carries the batch's answer, not a problem document: keep it typed.
        var batch = response.StatusCode == HttpStatusCode.Conflict && problem is null && operationId == "executeBatch"
            ? TryRead<BatchResponse>(body) is { Results: not null } read ? read : null
            : null;
        message = batch is null ? message : DescribeRollback(batch);
        var details = new PgBeamErrorDetails(response.StatusCode, redactor.Redact(message ?? StatusText(response))!)
        {
            ErrorCode = redactor.Redact(code),
            // A header is the server's text like any other: one echoing the key must not carry it into the message.
            RequestId = redactor.Redact(Text(problem?["request_id"]) ?? headerRequestId),
            Type = redactor.Redact(Text(problem?["type"])),
            Title = redactor.Redact(Text(problem?["title"])),
            Detail = redactor.Redact(Text(problem?["detail"])),
            Instance = redactor.Redact(Text(problem?["instance"])),
            Errors = ReadFieldErrors(problem, redactor),
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
            HttpStatusCode.PaymentRequired => new PgBeamPaymentRequiredException(details, root is null ? null : TryRead<PaymentProblem>(body)),
            HttpStatusCode.Forbidden when Is(code, ErrorCode.PlanLimitReached) => new PgBeamPlanLimitReachedException(details),
            HttpStatusCode.Forbidden => new PgBeamForbiddenException(details),
            HttpStatusCode.NotFound => new PgBeamNotFoundException(details),
            HttpStatusCode.Conflict when batch is not null => new PgBeamBatchRolledBackException(details, batch),
            HttpStatusCode.Conflict when Is(code, ErrorCode.IdempotencyKeyReused) => new PgBeamIdempotencyKeyReusedException(details),
            HttpStatusCode.Conflict => new PgBeamConflictException(details),
            HttpStatusCode.PreconditionFailed => new PgBeamPreconditionFailedException(details),
            HttpStatusCode.RequestEntityTooLarge => new PgBeamPayloadTooLargeException(details),
            HttpStatusCode.TooManyRequests => new PgBeamRateLimitException(details),
            _ => new PgBeamApiException(details),
        };
    }

    /// <summary>Which operation made the atomic batch fail, and why, in one sentence.</summary>
    private static string DescribeRollback(BatchResponse batch)
    {
        var failed = batch.Results.Where(r => r.Status == BatchOperationResultStatus.Failed).ToList();
        var first = failed.FirstOrDefault();
        var why = first is null
            ? "no operation is marked failed"
            : $"operation '{first.Id}' ({first.Op}) failed: {first.Error?.Code.Value ?? "unknown"}: {first.Error?.Message ?? "no message"}";
        var others = failed.Count > 1 ? $" (and {failed.Count - 1} more failed)" : string.Empty;
        return $"the atomic batch was undone and nothing was applied; {why}{others}";
    }

    private static bool Is(string? code, ErrorCode known) => string.Equals(code, known.Value, StringComparison.OrdinalIgnoreCase);

    /// <summary>An RFC 9457 problem document: an object with a string <c>type</c> or <c>title</c> beside a numeric <c>status</c>.</summary>
    private static bool IsProblem(JObject? root) =>
        root is not null && (Text(root["type"]) is not null || Text(root["title"]) is not null) && root["status"] is JValue { Type: JTokenType.Integer };

    private static List<PgBeamFieldError> ReadFieldErrors(JObject? problem, SecretRedactor redactor)
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
    internal static (string? Message, string? Code) ReadMessage(string? body) => ReadMessage(ParseObject(body));

    private static (string? Message, string? Code) ReadMessage(JObject? root)
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
    private static JObject? ParseObject(string? body)
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

    private static string? Text(JToken? token) =>
        token is JValue { Type: JTokenType.String } value && !string.IsNullOrWhiteSpace((string?)value) ? (string?)value : null;

    private static string StatusText(HttpResponseMessage response) =>
        string.IsNullOrWhiteSpace(response.ReasonPhrase) ? response.StatusCode.ToString() : response.ReasonPhrase!;
}
