namespace PgBeam;

/// <summary>
/// 413 (code <c>PAYLOAD_TOO_LARGE</c>): the request body is larger than the 2 MB the API accepts. Never retried, since
/// the same body would be refused again; split the work (a batch takes at most 100 operations) or send less.
/// </summary>
public sealed class PgBeamPayloadTooLargeException : PgBeamApiException
{
    /// <summary>The largest request body the API accepts, in bytes (2 MB).</summary>
    public const int MaxRequestBodyBytes = 2 * 1024 * 1024;

    /// <summary>Creates the exception.</summary>
    /// <param name="details">What the SDK read from the response.</param>
    public PgBeamPayloadTooLargeException(PgBeamErrorDetails details)
        : base(details)
    {
    }
}
