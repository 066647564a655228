using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using PgBeam.Diagnostics;
using PgBeam.Http;

namespace PgBeam;

/// <summary>
/// Builds every exception of the SDK's family (<see cref="PgBeamException"/>), so each message, type and property is
/// decided here: error statuses (by <see cref="ErrorStatusTable"/>), transport failures and timeouts, token providers,
/// redirects, oversized and malformed responses, interrupted streams, auto-paging walks and webhook data. The callers
/// detect; this class words. No message it writes quotes a body, a header value, a token or a key.
/// </summary>
internal static class PgBeamErrorFactory
{
    /// <summary>Builds the exception for an error <paramref name="response"/>, whose body was already read into <paramref name="body"/>.</summary>
    /// <param name="response">The final response of the call.</param>
    /// <param name="body">Its body as text; null when there was none or it could not be read.</param>
    /// <param name="operationId">The contract operation id.</param>
    /// <param name="attempts">How many attempts the call made.</param>
    /// <param name="now">The current time, to turn a <c>Retry-After</c> date into a wait.</param>
    /// <param name="redactor">Masks the call's secrets in what the server wrote, should it echo one.</param>
    public static PgBeamApiException FromResponse(HttpResponseMessage response, string? body, string? operationId, int attempts, DateTimeOffset now, SecretRedactor redactor)
    {
        var root = ErrorBody.ParseObject(body);
        var (message, code) = ErrorBody.ReadMessage(root);
        var headers = ResponseHeaders.Collect(response);
        var problem = ErrorBody.IsProblem(root) ? root : null;
        var headerRequestId = headers.TryGetValue("X-Request-Id", out var ids) && ids.Count > 0 ? ids[0] : null;
        // The atomic batch's 409 carries the batch's answer, not a problem document: keep it typed.
        var batch = response.StatusCode == HttpStatusCode.Conflict && problem is null && operationId == "executeBatch"
            ? ErrorBody.TryRead<BatchResponse>(body) is { Results: not null } read ? read : null
            : null;
        message = batch is null ? message : DescribeRollback(batch);
        var details = new PgBeamErrorDetails(response.StatusCode, redactor.Redact(message ?? StatusText(response))!)
        {
            ErrorCode = redactor.Redact(code),
            // A header is the server's text like any other: one echoing the key must not carry it into the message.
            RequestId = redactor.Redact(ErrorBody.Text(problem?["request_id"]) ?? headerRequestId),
            Type = redactor.Redact(ErrorBody.Text(problem?["type"])),
            Title = redactor.Redact(ErrorBody.Text(problem?["title"])),
            Detail = redactor.Redact(ErrorBody.Text(problem?["detail"])),
            Instance = redactor.Redact(ErrorBody.Text(problem?["instance"])),
            Errors = ErrorBody.ReadFieldErrors(problem, redactor),
            Headers = headers,
            ResponseBody = body,
            OperationId = operationId,
            RetryAfter = RetryAfter.Parse(response.Headers, now),
            Attempts = attempts,
        };

        if (batch is not null)
        {
            return new PgBeamBatchRolledBackException(details, batch);
        }

        return Construct(ErrorStatusTable.TypeFor((int)response.StatusCode, code), details, root is null ? null : body);
    }

    /// <summary>
    /// A new exception of the type <see cref="ErrorStatusTable"/> names. Every name of the table has its case here
    /// (a test walks the table); an unknown one is a bug of the table, not of the server.
    /// </summary>
    /// <param name="exceptionType">The simple type name from the table.</param>
    /// <param name="details">What the response said.</param>
    /// <param name="jsonBody">The body when it is a JSON object (a 402's payment challenge is read from it), else null.</param>
    internal static PgBeamApiException Construct(string exceptionType, PgBeamErrorDetails details, string? jsonBody) => exceptionType switch
    {
        nameof(PgBeamValidationException) => new PgBeamValidationException(details),
        nameof(PgBeamUnauthorizedException) => new PgBeamUnauthorizedException(details),
        nameof(PgBeamPaymentRequiredException) => new PgBeamPaymentRequiredException(details, ErrorBody.TryRead<PaymentProblem>(jsonBody)),
        nameof(PgBeamPlanLimitReachedException) => new PgBeamPlanLimitReachedException(details),
        nameof(PgBeamForbiddenException) => new PgBeamForbiddenException(details),
        nameof(PgBeamNotFoundException) => new PgBeamNotFoundException(details),
        nameof(PgBeamIdempotencyKeyReusedException) => new PgBeamIdempotencyKeyReusedException(details),
        nameof(PgBeamConflictException) => new PgBeamConflictException(details),
        nameof(PgBeamPreconditionFailedException) => new PgBeamPreconditionFailedException(details),
        nameof(PgBeamPayloadTooLargeException) => new PgBeamPayloadTooLargeException(details),
        nameof(PgBeamRateLimitException) => new PgBeamRateLimitException(details),
        nameof(PgBeamApiException) => new PgBeamApiException(details),
        _ => throw new InvalidOperationException($"ErrorStatusTable names {exceptionType}, which PgBeamErrorFactory does not construct."),
    };

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

    private static string StatusText(HttpResponseMessage response) =>
        string.IsNullOrWhiteSpace(response.ReasonPhrase) ? response.StatusCode.ToString() : response.ReasonPhrase!;

    /// <summary>
    /// The SDK error for a failure that ended the retry loop: a timeout (the call's budget, or the last attempt's
    /// timeout) or a network failure; null for anything else, which the caller rethrows as it is.
    /// </summary>
    /// <param name="exception">The last attempt's failure.</param>
    /// <param name="operationId">The contract operation id (or the method of a request that did not come from the SDK).</param>
    /// <param name="attempts">Attempts made.</param>
    /// <param name="elapsed">Time since the first attempt started.</param>
    /// <param name="totalBudget">The call's total budget.</param>
    /// <param name="budgetExpired">Whether the budget ran out.</param>
    /// <param name="stopReason">Why the loop stopped while the failure was still retryable, or null.</param>
    public static PgBeamException? CallFailed(Exception exception, string operationId, int attempts, TimeSpan elapsed, TimeSpan totalBudget, bool budgetExpired, string? stopReason)
    {
        var attemptsText = attempts == 1 ? "1 attempt" : $"{attempts} attempts";
        var stop = stopReason is null ? string.Empty : $"; {stopReason}";
        if (budgetExpired && exception is OperationCanceledException or AttemptTimeoutException)
        {
            return new PgBeamTimeoutException(
                string.Create(CultureInfo.InvariantCulture, $"{operationId} timed out: the {totalBudget.TotalSeconds:0.###} s total budget of the call ran out during attempt {attempts} (after {elapsed.TotalSeconds:0.###} s)."),
                attempts,
                elapsed,
                exception);
        }

        return exception switch
        {
            AttemptTimeoutException timeout => new PgBeamTimeoutException(
                string.Create(CultureInfo.InvariantCulture, $"{operationId} timed out after {attemptsText} ({elapsed.TotalSeconds:0.###} s): {timeout.Message.TrimEnd('.')}{stop}."),
                attempts,
                elapsed,
                exception),
            HttpRequestException or IOException or SocketException => new PgBeamNetworkException(
                string.Create(CultureInfo.InvariantCulture, $"{operationId} failed after {attemptsText} ({elapsed.TotalSeconds:0.###} s): the PgBeam API could not be reached ({Describe(exception)}){stop}."),
                attempts,
                elapsed,
                timedOut: false,
                exception),
            _ => null,
        };
    }

    /// <summary>A short, secret-free name for what went wrong, for messages, logs and traces.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        AttemptTimeoutException => "attempt timeout",
        HttpRequestException { HttpRequestError: var error } when error != HttpRequestError.Unknown => error.ToString(),
        HttpRequestException { InnerException: IOException { InnerException: SocketException socket } } => socket.SocketErrorCode.ToString(),
        HttpRequestException { InnerException: { } inner } => inner.GetType().Name,
        SocketException socket => socket.SocketErrorCode.ToString(),
        _ => exception.GetType().Name,
    };

    /// <summary>The token provider threw, faulted, or was cancelled without the caller asking: nothing was sent.</summary>
    public static PgBeamAuthenticationException TokenProviderFailed(Exception cause) =>
        new($"The token provider failed ({cause.GetType().Name}); see the inner exception. Nothing was sent.", cause);

    /// <summary>The token provider returned null, an empty or a blank token, or one a header cannot carry.</summary>
    /// <param name="invalid">The validation's failure; its message describes the token without quoting it.</param>
    public static PgBeamAuthenticationException UnusableToken(ArgumentException invalid) =>
        new("The token provider returned an unusable token: " + invalid.Message, invalid);

    /// <summary>The token provider did not answer within its time limit.</summary>
    public static PgBeamTimeoutException TokenProviderTimedOut(TimeSpan timeout) =>
        new($"The token provider did not return a token within {timeout.TotalSeconds:0.###} s.", attempts: 0, timeout);

    /// <summary>The API answered with a redirect, which the SDK never follows.</summary>
    /// <param name="status">The redirect status.</param>
    /// <param name="origin">The redacted origin of the redirect's target, or null when it has no usable location.</param>
    /// <param name="baseOrigin">The origin of the client's base URL.</param>
    /// <param name="operationId">The contract operation id, when known.</param>
    public static PgBeamRedirectException Redirected(HttpStatusCode status, string? origin, string baseOrigin, string? operationId) =>
        new(
            string.Create(
                CultureInfo.InvariantCulture,
                $"{operationId ?? "The call"}: the PgBeam API answered {(int)status} {status}, a redirect to {origin ?? "an unusable location"}. The SDK does not follow redirects, so nothing was sent there; check BaseUrl ({baseOrigin})."),
            status,
            origin,
            operationId);

    /// <summary>The answer came from another origin than the base URL: the caller's <see cref="HttpClient"/> followed a redirect.</summary>
    /// <param name="status">The status of the answer.</param>
    /// <param name="origin">The redacted origin that answered.</param>
    /// <param name="baseOrigin">The origin of the client's base URL.</param>
    /// <param name="operationId">The contract operation id, when known.</param>
    public static PgBeamRedirectException AnsweredElsewhere(HttpStatusCode status, string origin, string baseOrigin, string? operationId) =>
        new(
            string.Create(
                CultureInfo.InvariantCulture,
                $"{operationId ?? "The call"}: the answer ({(int)status} {status}) came from {origin}, not from BaseUrl ({baseOrigin}): the HttpClient followed a redirect. The answer was refused; set AllowAutoRedirect = false on the handler of the HttpClient given to the SDK."),
            status,
            origin,
            operationId);

    /// <summary>A response body over <see cref="PgBeamClientOptions.MaxResponseBytes"/>; it was not read.</summary>
    /// <param name="status">The response's status.</param>
    /// <param name="announced">The Content-Length it announced, or null when it only turned out larger while being read.</param>
    /// <param name="limit">The limit in bytes.</param>
    /// <param name="operationId">The contract operation id, when known.</param>
    public static PgBeamResponseTooLargeException ResponseTooLarge(HttpStatusCode status, long? announced, long limit, string? operationId)
    {
        var what = announced is { } length
            ? string.Create(CultureInfo.InvariantCulture, $"announces {length} bytes")
            : "is larger than that";
        return new PgBeamResponseTooLargeException(
            string.Create(
                CultureInfo.InvariantCulture,
                $"The {(int)status} response to {operationId ?? "the call"} {what}, over the {limit} byte ({limit / 1048576.0:0.##} MiB) limit; it was not read. Raise PgBeamClientOptions.MaxResponseBytes if the API legitimately returns this much."),
            status,
            limit,
            operationId);
    }

    /// <summary>A success response without the JSON value the contract promises (an empty body, or <c>null</c>).</summary>
    public static PgBeamSerializationException MissingJson(string operationId, bool blank) =>
        new($"The response to {operationId} has {(blank ? "an empty body" : "a null body")} where the contract promises JSON.")
        {
            OperationId = operationId,
        };

    /// <summary>
    /// A success response whose body is not the JSON its contract type describes. The message says why and where
    /// (line, position, JSON path, with anything shaped like a secret masked), never what the body holds.
    /// </summary>
    public static PgBeamSerializationException MalformedJson(string operationId, int line, int position, string? path, string reason)
    {
        // A JSON path is made of the server's property names; mask anything in it that looks like a secret all the same.
        path = new SecretRedactor().Redact(path);
        return new(
            string.Create(
                CultureInfo.InvariantCulture,
                $"The response to {operationId} is not valid JSON for its contract type: {reason}, at line {line}, position {position}") +
            (string.IsNullOrEmpty(path) ? "." : $", path '{path}'.") + " The body is not shown because it may contain secrets.")
        {
            OperationId = operationId,
            LineNumber = line,
            LinePosition = position,
            JsonPath = path,
        };
    }

    /// <summary>A streamed response body (the CSV export) lost its connection while the caller read it.</summary>
    public static PgBeamNetworkException BodyInterrupted(string operationId, long bytesRead, TimeSpan elapsed, Exception inner) =>
        new($"The response body of {operationId} was cut off after {bytesRead} bytes: the connection was lost while reading it.", attempts: 1, elapsed, timedOut: false, inner);

    /// <summary>A read-modify-write call lost every round to other writers (its last write answered 412).</summary>
    public static PgBeamPreconditionFailedException ModifyLost(PgBeamPreconditionFailedException last, int attempts) =>
        new(last.Details) { ModifyAttempts = attempts };

    /// <summary>The server repeated a page token: following it would repeat pages forever.</summary>
    public static PgBeamPaginationException RepeatedPageToken(string operationId) =>
        new(
            $"The server answered {operationId} with a page token it had already been asked with; following it would repeat pages forever. The items up to here were yielded once each.",
            operationId,
            PgBeamPaginationFailure.RepeatedPageToken);

    /// <summary>A whole page of a timestamp-keyed listing shares one timestamp, so the walk cannot get past it.</summary>
    public static PgBeamPaginationException TimestampTieExceedsPage(string operationId, int pageSize, DateTimeOffset timestamp) =>
        new(
            $"At least {pageSize} entries of {operationId} share the timestamp {timestamp.ToString("o", CultureInfo.InvariantCulture)}, a whole page. " +
            "The listing pages by timestamp and the contract has no finer cursor, so the walk cannot get past them without skipping or repeating entries; " +
            "the entries up to here were yielded once each. Use a larger PageSize (at most 100), narrow the filters, or, for the audit log, read that range with ExportAuditLogsAsync.",
            operationId,
            PgBeamPaginationFailure.TimestampTieExceedsPage);

    /// <summary>A timestamp-keyed page held entries at or after its cursor, so the walk cannot advance.</summary>
    public static PgBeamPaginationException CursorDidNotAdvance(string operationId, DateTimeOffset cursor) =>
        new(
            $"The server answered {operationId} with entries at or after the requested cursor {cursor.ToString("o", CultureInfo.InvariantCulture)}, " +
            "so the walk cannot advance. Paging assumes strictly older entries and timestamps that resolve to the microsecond.",
            operationId,
            PgBeamPaginationFailure.CursorDidNotAdvance);

    /// <summary>An item of a page lacks the value the walk pages by.</summary>
    public static PgBeamPaginationException MissingCursorValue(string operationId, string what) =>
        new($"An item in a page of {operationId} has no {what}, which the walk pages by; it cannot continue.", operationId, PgBeamPaginationFailure.MissingCursorValue);

    /// <summary>A webhook event's data is JSON <c>null</c>.</summary>
    /// <param name="described">The event's id and type, already redacted.</param>
    /// <param name="dataProperty">The name of the property holding the raw data.</param>
    /// <param name="typeName">The type the caller asked for.</param>
    public static PgBeamSerializationException WebhookDataNull(string described, string dataProperty, string typeName) =>
        new($"The data of webhook event {described} is null; read {dataProperty} before asking for a {typeName}.");

    /// <summary>A webhook event's data does not fit the type the caller asked for; the data itself is never quoted.</summary>
    /// <param name="described">The event's id and type, already redacted.</param>
    /// <param name="typeName">The type the caller asked for.</param>
    /// <param name="line">The line where reading failed.</param>
    /// <param name="position">The position in that line.</param>
    /// <param name="path">The JSON path (masked here like any text from outside).</param>
    public static PgBeamSerializationException WebhookDataMismatch(string described, string typeName, int line, int position, string? path)
    {
        path = new SecretRedactor().Redact(path);
        return new(
            $"The data of webhook event {described} does not fit {typeName}: a value does not have the expected type " +
            $"at line {line}, position {position}" + (string.IsNullOrEmpty(path) ? "." : $", path '{path}'.") +
            " The data is not shown because it may contain sensitive values.")
        {
            LineNumber = line,
            LinePosition = position,
            JsonPath = path,
        };
    }
}
