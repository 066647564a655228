using System;
using System.Collections.Generic;
using System.Net;

namespace PgBeam.Testing.Routing;

/// <summary>
/// An error answer of the sandbox, thrown from deep inside an endpoint and turned into a problem document by the
/// dispatcher, so endpoints can stop at the first problem. Codes are the contract's <c>ErrorCode</c> values.
/// </summary>
internal sealed class SandboxProblem : Exception
{
    public const string InvalidInputCode = "INVALID_INPUT";
    public const string NotFoundCode = "NOT_FOUND";
    public const string ConflictCode = "CONFLICT";
    public const string ResourceExistsCode = "RESOURCE_EXISTS";
    public const string InvalidStateCode = "INVALID_STATE";
    public const string PreconditionFailedCode = "PRECONDITION_FAILED";
    public const string PayloadTooLargeCode = "PAYLOAD_TOO_LARGE";
    public const string UnsupportedMediaTypeCode = "UNSUPPORTED_MEDIA_TYPE";
    public const string UnauthorizedCode = "UNAUTHORIZED";
    public const string MethodNotAllowedCode = "METHOD_NOT_ALLOWED";
    public const string NotImplementedCode = "NOT_IMPLEMENTED";

    public SandboxProblem(HttpStatusCode status, string code, string message, IReadOnlyList<SandboxFieldError>? fieldErrors = null)
        : base(message)
    {
        Status = status;
        Code = code;
        FieldErrors = fieldErrors ?? [];
    }

    public HttpStatusCode Status { get; }

    public string Code { get; }

    /// <summary>The rejected fields of a validation failure; empty otherwise.</summary>
    public IReadOnlyList<SandboxFieldError> FieldErrors { get; }

    public static SandboxProblem BadRequest(string message) => new(HttpStatusCode.BadRequest, InvalidInputCode, message);

    /// <summary>A 400 about one field, whose detail is the field's message.</summary>
    public static SandboxProblem Field(string field, string code, string message) =>
        new(HttpStatusCode.BadRequest, InvalidInputCode, message, [new SandboxFieldError(field, code, message)]);

    public static SandboxProblem NotFound(string message) => new(HttpStatusCode.NotFound, NotFoundCode, message);

    /// <summary>A 409 for a conflict that is neither a taken name nor a finished state (a profile still in use).</summary>
    public static SandboxProblem Conflict(string message) => new(HttpStatusCode.Conflict, ConflictCode, message);

    /// <summary>A 409 for a name or value already in use.</summary>
    public static SandboxProblem Exists(string message) => new(HttpStatusCode.Conflict, ResourceExistsCode, message);

    /// <summary>A 409 for a resource no longer in a state that allows the operation.</summary>
    public static SandboxProblem InvalidState(string message) => new(HttpStatusCode.Conflict, InvalidStateCode, message);
}
