using System;
using System.Collections.Generic;
using System.Net;

namespace PgBeam;

/// <summary>
/// The API answered with an error status. Branch on <see cref="StatusCode"/>, <see cref="ErrorCode"/> or the
/// subtypes (<see cref="PgBeamNotFoundException"/>, <see cref="PgBeamConflictException"/>, …).
/// </summary>
public class PgBeamApiException : PgBeamException
{
    /// <summary>Creates the exception from a parsed error response.</summary>
    /// <param name="details">The status, error code, message, request id, headers and body of the response.</param>
    public PgBeamApiException(PgBeamErrorDetails details)
        : base(BuildMessage(details ?? throw new ArgumentNullException(nameof(details))))
    {
        StatusCode = details.StatusCode;
        ErrorCode = details.ErrorCode;
        ServerMessage = details.Message;
        RequestId = details.RequestId;
        Headers = details.Headers;
        ResponseBody = details.ResponseBody;
        OperationId = details.OperationId;
        Attempts = details.Attempts;
    }

    /// <summary>The HTTP status code of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The machine-readable error code the server sent (<c>error.code</c>, or <c>code</c> of a problem document), if any.</summary>
    public string? ErrorCode { get; }

    /// <summary>
    /// The human-readable message the server sent, or the status text when it sent none. Secrets of the call
    /// (the key, a password or secret sent in the body) are masked should the server echo them.
    /// </summary>
    public string ServerMessage { get; }

    /// <summary>The request id the server assigned (<c>X-Request-Id</c>), to quote to PgBeam support.</summary>
    public string? RequestId { get; }

    /// <summary>The response headers (response and content headers, case-insensitive names).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>
    /// The raw response body, for diagnostics. It is never part of <see cref="Exception.Message"/> or
    /// <see cref="object.ToString"/>, since an error body may echo what was sent.
    /// </summary>
    public string? ResponseBody { get; }

    /// <summary>The contract operation id of the failed call (<c>createAgentCredential</c>), when known.</summary>
    public string? OperationId { get; }

    /// <summary>How many attempts the call made (1 when it was not retried; more when retryable statuses came first).</summary>
    public int Attempts { get; }

    /// <summary>Whether the status is 404.</summary>
    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    /// <summary>Whether the status is 401 or 403.</summary>
    public bool IsUnauthorized => StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

    /// <summary>Whether the status is 409.</summary>
    public bool IsConflict => StatusCode == HttpStatusCode.Conflict;

    /// <summary>Whether the status is 400 or 422.</summary>
    public bool IsValidation => StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity;

    /// <summary>Whether the status is 429.</summary>
    public bool IsRateLimited => StatusCode == HttpStatusCode.TooManyRequests;

    private static string BuildMessage(PgBeamErrorDetails details)
    {
        var code = details.ErrorCode is null ? string.Empty : $" [{details.ErrorCode}]";
        var operation = details.OperationId is null ? string.Empty : $" {details.OperationId}:";
        var notes = new List<string>(2);
        if (details.RequestId is not null)
        {
            notes.Add($"request id {details.RequestId}");
        }

        if (details.Attempts > 1)
        {
            notes.Add($"after {details.Attempts} attempts");
        }

        var suffix = notes.Count == 0 ? string.Empty : $" ({string.Join(", ", notes)})";
        return $"PgBeam API error{operation} {(int)details.StatusCode} {details.StatusCode}{code}: {details.Message}{suffix}";
    }
}
