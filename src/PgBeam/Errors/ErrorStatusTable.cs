namespace PgBeam;

// This file is compiled twice: into the SDK, where PgBeamErrorFactory builds exceptions from it, and into the code
// generator (build/codegen, a linked Compile item), which stamps each error response of the contract with the type it
// gives, so the XML docs of every generated method say what the SDK throws. It may use nothing but the BCL.

/// <summary>One row of <see cref="ErrorStatusTable"/>: a status (and optionally an error code) and the exception type it gives.</summary>
/// <param name="Status">The HTTP status of the error response.</param>
/// <param name="ErrorCode">The body's error <c>code</c> the row needs (case-insensitive), or null for any code.</param>
/// <param name="ExceptionType">The simple name of the exception type, in namespace <c>PgBeam</c>.</param>
internal readonly record struct ErrorStatusRow(int Status, string? ErrorCode, string ExceptionType);

/// <summary>
/// Which exception an error status becomes: the one declared table. A row with an error code refines the status's
/// row without one (a subtype of it); a status with no row is <see cref="Fallback"/>. The atomic batch's 409 with the
/// batch's answer in its body is the one case decided by the body's shape, not by this table.
/// </summary>
internal static class ErrorStatusTable
{
    /// <summary>The type of every error status without a row.</summary>
    public const string Fallback = "PgBeamApiException";

    /// <summary>The rows, refinements (with an error code) before the row of their status.</summary>
    public static readonly ErrorStatusRow[] Rows =
    [
        new(400, null, "PgBeamValidationException"),
        new(401, null, "PgBeamUnauthorizedException"),
        new(402, null, "PgBeamPaymentRequiredException"),
        new(403, "PLAN_LIMIT_REACHED", "PgBeamPlanLimitReachedException"),
        new(403, null, "PgBeamForbiddenException"),
        new(404, null, "PgBeamNotFoundException"),
        new(409, "IDEMPOTENCY_KEY_REUSED", "PgBeamIdempotencyKeyReusedException"),
        new(409, null, "PgBeamConflictException"),
        new(412, null, "PgBeamPreconditionFailedException"),
        new(413, null, "PgBeamPayloadTooLargeException"),
        new(422, null, "PgBeamValidationException"),
        new(429, null, "PgBeamRateLimitException"),
    ];

    /// <summary>The exception type for <paramref name="status"/> and the body's <paramref name="errorCode"/> (null when it has none).</summary>
    public static string TypeFor(int status, string? errorCode)
    {
        foreach (var row in Rows)
        {
            if (row.Status == status && (row.ErrorCode is null || string.Equals(row.ErrorCode, errorCode, System.StringComparison.OrdinalIgnoreCase)))
            {
                return row.ExceptionType;
            }
        }

        return Fallback;
    }
}
