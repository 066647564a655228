using System;

namespace PgBeam;

/// <summary>429 Too Many Requests, after the SDK's retries (if any) were used up.</summary>
public sealed class PgBeamRateLimitException : PgBeamApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="details">What the SDK read from the response.</param>
    public PgBeamRateLimitException(PgBeamErrorDetails details)
        : base(details)
    {
        RetryAfter = details?.RetryAfter;
    }

    /// <summary>How long the server asked to wait before the next request (<c>Retry-After</c>), if it said.</summary>
    public TimeSpan? RetryAfter { get; }
}
