using System;
using System.Net;

namespace PgBeam;

/// <summary>
/// A JSON response body was larger than <see cref="PgBeamClientOptions.MaxResponseBytes"/> (counted after
/// decompression), so the SDK stopped reading it rather than fill memory. Not retried: the same call would get the same
/// body. Raise the limit if the API legitimately returns that much.
/// </summary>
public sealed class PgBeamResponseTooLargeException : PgBeamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The limit and how to raise it.</param>
    /// <param name="statusCode">The status of the response whose body was too large.</param>
    /// <param name="limit">The limit in bytes that was exceeded.</param>
    /// <param name="operationId">The contract operation id of the call, when known.</param>
    public PgBeamResponseTooLargeException(string message, HttpStatusCode statusCode, long limit, string? operationId)
        : base(message)
    {
        StatusCode = statusCode;
        Limit = limit;
        OperationId = operationId;
    }

    /// <summary>The status of the response whose body was too large (an error body counts as much as a result).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The limit in bytes that was exceeded (<see cref="PgBeamClientOptions.MaxResponseBytes"/>).</summary>
    public long Limit { get; }

    /// <summary>The contract operation id of the call (<c>listAuditLogs</c>), when known.</summary>
    public string? OperationId { get; }
}
