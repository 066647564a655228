using System;

namespace PgBeam.Http;

/// <summary>One attempt ran past its timeout; retryable, and turned into <see cref="PgBeamTimeoutException"/> when retries run out.</summary>
internal sealed class AttemptTimeoutException(TimeSpan timeout, Exception? inner)
    : TimeoutException($"The attempt did not complete within {timeout.TotalSeconds:0.###} s.", inner)
{
    public TimeSpan Timeout { get; } = timeout;
}
