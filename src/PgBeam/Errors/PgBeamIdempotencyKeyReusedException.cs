namespace PgBeam;

/// <summary>
/// 409 with code <c>IDEMPOTENCY_KEY_REUSED</c>: the <c>Idempotency-Key</c> of this call was used before, within the
/// server's 24-hour window, with a different request. Use a new key for a new request.
/// </summary>
public sealed class PgBeamIdempotencyKeyReusedException : PgBeamConflictException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="details">What the SDK read from the response.</param>
    public PgBeamIdempotencyKeyReusedException(PgBeamErrorDetails details)
        : base(details)
    {
    }
}
