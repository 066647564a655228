using System;

namespace PgBeam.Http;

/// <summary>One attempt ran past its timeout; retryable, and turned into <see cref="PgBeamTimeoutException"/> when retries run out.</summary>
/// <param name="timeout">The SDK's attempt timeout that fired, or null when the transport's own timeout did (<c>HttpClient.Timeout</c>).</param>
/// <param name="inner">The cancellation the timeout caused.</param>
internal sealed class AttemptTimeoutException(TimeSpan? timeout, Exception? inner)
    : TimeoutException(
        timeout is { } value
            ? $"The attempt did not complete within the {value.TotalSeconds:0.###} s attempt timeout."
            : "The attempt was cancelled by the transport's own timeout (HttpClient.Timeout).",
        inner)
{
    public TimeSpan? Timeout { get; } = timeout;
}
