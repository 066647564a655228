using System;
using System.Collections.Generic;
using System.Net;

namespace PgBeam;

/// <summary>What the SDK read from an error response; the input of every <see cref="PgBeamApiException"/>.</summary>
public sealed class PgBeamErrorDetails
{
    /// <summary>Creates the details.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="message">The server's message, or the status text.</param>
    public PgBeamErrorDetails(HttpStatusCode statusCode, string message)
    {
        StatusCode = statusCode;
        Message = message ?? throw new ArgumentNullException(nameof(message));
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The server's message (secrets of the call masked), or the status text when it sent none.</summary>
    public string Message { get; }

    /// <summary>The server's machine-readable code, if any.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The request id: the problem document's <c>request_id</c>, else the <c>X-Request-Id</c> header; null when neither.</summary>
    public string? RequestId { get; init; }

    /// <summary>The problem document's <c>type</c>: a URI naming the kind of error; null when the body is not a problem document.</summary>
    public string? Type { get; init; }

    /// <summary>The problem document's <c>title</c>: a short summary of the kind of error.</summary>
    public string? Title { get; init; }

    /// <summary>The problem document's <c>detail</c>: what went wrong in this case, for people.</summary>
    public string? Detail { get; init; }

    /// <summary>The problem document's <c>instance</c>: the path of the request that failed.</summary>
    public string? Instance { get; init; }

    /// <summary>The field errors of a validation failure (the problem document's <c>errors</c>); empty when there are none.</summary>
    public IReadOnlyList<PgBeamFieldError> Errors { get; init; } = [];

    /// <summary>The response headers.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The raw body, if any; never part of an exception's message, since it may echo what was sent.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>The operation id of the call, if known.</summary>
    public string? OperationId { get; init; }

    /// <summary>How long the server asked the caller to wait (from <c>Retry-After</c>), if it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>How many attempts the call made before this response ended it (1 when it was not retried).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>Describes the error without its body or headers.</summary>
    public override string ToString() => $"{(int)StatusCode} {ErrorCode} {Message}".Trim();
}
