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

    /// <summary>The request id from the response headers, if any.</summary>
    public string? RequestId { get; init; }

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
