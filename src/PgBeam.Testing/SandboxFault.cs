using System;
using System.Net;

namespace PgBeam.Testing;

/// <summary>
/// A failure the sandbox gives instead of (or after) its normal answer, for testing retry and error handling.
/// Build one with the static methods, narrow it with <see cref="ForOperation"/> and <see cref="Times"/>, and queue it
/// with <see cref="SandboxFaults.Enqueue"/>.
/// </summary>
public sealed class SandboxFault
{
    private SandboxFault(SandboxFaultKind kind, HttpStatusCode? status, string? errorCode, string? message, TimeSpan? retryAfter)
    {
        Kind = kind;
        Status = status;
        ErrorCode = errorCode;
        Message = message;
        RetryAfter = retryAfter;
    }

    /// <summary>What it does.</summary>
    public SandboxFaultKind Kind { get; }

    /// <summary>The status it answers with, for the status kinds.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>The <c>error.code</c> it answers with, for the status kinds.</summary>
    public string? ErrorCode { get; }

    /// <summary>The <c>error.message</c> it answers with, for the status kinds.</summary>
    public string? Message { get; }

    /// <summary>The <c>Retry-After</c> it sends (whole seconds, rounded up), if any.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The only operation it applies to (<c>createAgentCredential</c>), or null for the next request of any kind.</summary>
    public string? OperationId { get; private init; }

    /// <summary>How many requests it applies to before it is used up. Default 1.</summary>
    public int Count { get; private init; } = 1;

    /// <summary>429 <c>RATE_LIMITED</c> with <c>Retry-After</c>.</summary>
    /// <param name="retryAfter">The wait the server asks for; zero or more.</param>
    public static SandboxFault RateLimit(TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        return new(SandboxFaultKind.RateLimit, HttpStatusCode.TooManyRequests, "RATE_LIMITED", "Too many requests (fault injected by the PgBeam sandbox); retry after the Retry-After delay.", retryAfter);
    }

    /// <summary>503 <c>SERVICE_UNAVAILABLE</c>, with <c>Retry-After</c> when <paramref name="retryAfter"/> is given.</summary>
    /// <param name="retryAfter">The wait the server asks for, or null for none.</param>
    public static SandboxFault ServiceUnavailable(TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } wait)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero, nameof(retryAfter));
        }

        return new(SandboxFaultKind.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE", "The service is temporarily unavailable (fault injected by the PgBeam sandbox).", retryAfter);
    }

    /// <summary>Any error status with the contract's envelope.</summary>
    /// <param name="status">A 4xx or 5xx status.</param>
    /// <param name="errorCode">The <c>error.code</c>.</param>
    /// <param name="message">The <c>error.message</c>.</param>
    /// <param name="retryAfter">A <c>Retry-After</c> to send, or null.</param>
    public static SandboxFault WithStatus(HttpStatusCode status, string errorCode, string message, TimeSpan? retryAfter = null)
    {
        if ((int)status is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A fault answers with an error status (400 to 599).");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(errorCode);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new(SandboxFaultKind.Status, status, errorCode, message, retryAfter);
    }

    /// <summary>The call fails with an <see cref="System.Net.Http.HttpRequestException"/>; the sandbox does nothing.</summary>
    public static SandboxFault ConnectionFailure() => new(SandboxFaultKind.ConnectionFailure, null, null, null, null);

    /// <summary>The sandbox does the work, then the call fails with an <see cref="System.Net.Http.HttpRequestException"/>.</summary>
    public static SandboxFault ResponseLost() => new(SandboxFaultKind.ResponseLost, null, null, null, null);

    /// <summary>The same fault, limited to one operation.</summary>
    /// <param name="operationId">The contract's operation id (<c>createAgentCredential</c>), as in the SDK's docs.</param>
    public SandboxFault ForOperation(string operationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operationId);
        return new(Kind, Status, ErrorCode, Message, RetryAfter) { OperationId = operationId, Count = Count };
    }

    /// <summary>The same fault, applied to <paramref name="count"/> matching requests in a row.</summary>
    /// <param name="count">One or more.</param>
    public SandboxFault Times(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new(Kind, Status, ErrorCode, Message, RetryAfter) { OperationId = OperationId, Count = count };
    }

    /// <summary>Whether it applies to a request of <paramref name="operationId"/>.</summary>
    internal bool Matches(string? operationId) => OperationId is null || string.Equals(OperationId, operationId, StringComparison.Ordinal);

    /// <summary>The fault with one use fewer, or null when it is used up.</summary>
    internal SandboxFault? Used() => Count <= 1 ? null : Times(Count - 1);

    /// <summary>A short description.</summary>
    public override string ToString() =>
        $"{Kind}{(Status is { } status ? $" {(int)status}" : string.Empty)} x{Count}{(OperationId is null ? string.Empty : $" on {OperationId}")}";
}
