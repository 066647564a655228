using System;
using System.Net;

namespace PgBeam.Testing.Routing;

/// <summary>
/// An error answer of the sandbox, thrown from deep inside an endpoint and turned into the contract's
/// <c>{"error":{"code","message"}}</c> envelope by the dispatcher, so endpoints can stop at the first problem.
/// </summary>
internal sealed class SandboxProblem : Exception
{
    public const string InvalidRequestCode = "INVALID_REQUEST";
    public const string NotFoundCode = "NOT_FOUND";
    public const string ConflictCode = "CONFLICT";

    public SandboxProblem(HttpStatusCode status, string code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    public HttpStatusCode Status { get; }

    public string Code { get; }

    public static SandboxProblem BadRequest(string message) => new(HttpStatusCode.BadRequest, InvalidRequestCode, message);

    public static SandboxProblem NotFound(string message) => new(HttpStatusCode.NotFound, NotFoundCode, message);

    public static SandboxProblem Conflict(string message) => new(HttpStatusCode.Conflict, ConflictCode, message);
}
