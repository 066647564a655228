using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Net;

namespace PgBeam;

/// <summary>
/// The API answered with an error status. Branch on <see cref="StatusCode"/>, <see cref="Code"/> (the problem document's stable code) or the
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
        Type = details.Type;
        Title = details.Title;
        Detail = details.Detail;
        Instance = details.Instance;
        Code = details.ErrorCode is { Length: > 0 } code ? new PgBeam.ErrorCode(code) : default(PgBeam.ErrorCode?);
        Errors = details.Errors;
        Details = details;
    }

    /// <summary>What the exception was built from, for the SDK's helpers that rethrow a refined exception.</summary>
    internal PgBeamErrorDetails Details { get; }

    /// <summary>
    /// The error's stable code (the problem document's <c>code</c>): what to branch on, since it separates cases that
    /// share a status (<see cref="PgBeam.ErrorCode.PlanLimitReached"/> from <see cref="PgBeam.ErrorCode.Forbidden"/> under 403).
    /// A code this SDK version does not know is kept as it was sent; null when the body carried none.
    /// </summary>
    public PgBeam.ErrorCode? Code { get; }

    /// <summary>The problem document's <c>type</c>, a URI naming the kind of error (its page in PgBeam's error catalogue); null when the body is not a problem document.</summary>
    public string? Type { get; }

    /// <summary>The problem document's <c>title</c>, a short summary of the kind of error.</summary>
    public string? Title { get; }

    /// <summary>The problem document's <c>detail</c>, what went wrong in this case (secrets of the call masked); for people, not for branching.</summary>
    public string? Detail { get; }

    /// <summary>The problem document's <c>instance</c>, the path of the request that failed.</summary>
    public string? Instance { get; }

    /// <summary>The field errors of a validation failure (field, code, message); empty when the server listed none.</summary>
    public IReadOnlyList<PgBeamFieldError> Errors { get; }

    /// <summary>The HTTP status code of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The machine-readable error code as text (<c>code</c> of a problem document, or <c>error.code</c>), if any; <see cref="Code"/> is the same value typed.</summary>
    public string? ErrorCode { get; }

    /// <summary>
    /// The human-readable message the server sent, or the status text when it sent none. Secrets of the call
    /// (the key, a password or secret sent in the body) are masked should the server echo them.
    /// </summary>
    public string ServerMessage { get; }

    /// <summary>The request id the server assigned (the body's <c>request_id</c>, else the <c>X-Request-Id</c> header), to quote to PgBeam support.</summary>
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

    /// <summary>Whether this is a 403 with code <c>PLAN_LIMIT_REACHED</c> (the plan allows no more), not a role refusal.</summary>
    public bool IsPlanLimitReached => Code == PgBeam.ErrorCode.PlanLimitReached;

    /// <summary>Whether this is a 412 (code <c>PRECONDITION_FAILED</c>): the <c>ifMatch</c> tag is no longer current.</summary>
    public bool IsPreconditionFailed => StatusCode == HttpStatusCode.PreconditionFailed;

    /// <summary>Whether this is a 409 with code <c>RESOURCE_EXISTS</c>: something with that name or key already exists.</summary>
    public bool IsResourceExists => Code == PgBeam.ErrorCode.ResourceExists;

    /// <summary>Whether this is a 409 with code <c>INVALID_STATE</c>: the resource is not in a state that allows the action.</summary>
    public bool IsInvalidState => Code == PgBeam.ErrorCode.InvalidState;

    /// <summary>Whether this is a 409 with code <c>IDEMPOTENCY_KEY_REUSED</c>: the key was used before with another request.</summary>
    public bool IsIdempotencyKeyReused => Code == PgBeam.ErrorCode.IdempotencyKeyReused;

    /// <summary>Whether this is a 402: the operation is priced and needs a payment (see <see cref="PgBeamPaymentRequiredException"/>).</summary>
    public bool IsPaymentRequired => StatusCode == HttpStatusCode.PaymentRequired;

    /// <summary>
    /// Reads the error body as <typeparamref name="T"/>, for error statuses whose contract body is not a problem
    /// document (the atomic batch's 409 is a <see cref="BatchResponse"/>) or to read a problem document's extra members.
    /// </summary>
    /// <typeparam name="T">An SDK model, your own class, or a dictionary.</typeparam>
    /// <param name="body">The body, or the default value when there is none or it does not fit.</param>
    /// <returns>Whether the body was read as <typeparamref name="T"/>.</returns>
    public bool TryGetBody<T>([MaybeNullWhen(false)] out T body)
        where T : class
    {
        body = ErrorBody.TryRead<T>(ResponseBody);
        return body is not null;
    }

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
        var fields = details.Errors.Count == 0
            ? string.Empty
            : " Fields: " + string.Join("; ", details.Errors.Take(5)) + (details.Errors.Count > 5 ? $"; and {details.Errors.Count - 5} more." : ".");
        var advice = details.StatusCode switch
        {
            HttpStatusCode.RequestEntityTooLarge => " The API accepts request bodies up to 2 MB; send less per call (this is never retried).",
            HttpStatusCode.UnsupportedMediaType => " The API takes application/json request bodies of at most 2 MB (this is never retried).",
            _ => string.Empty,
        };
        return $"PgBeam API error{operation} {(int)details.StatusCode} {details.StatusCode}{code}: {details.Message}{suffix}{fields}{advice}";
    }
}
