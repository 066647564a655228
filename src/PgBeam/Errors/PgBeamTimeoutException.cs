using System;

namespace PgBeam;

/// <summary>
/// A call timed out: its last attempt exceeded the per-attempt timeout, or the total retry budget ran out.
/// Distinct from caller cancellation, which surfaces as <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class PgBeamTimeoutException : PgBeamNetworkException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What timed out.</param>
    /// <param name="attempts">How many attempts were made.</param>
    /// <param name="elapsed">Time from the first attempt to giving up.</param>
    /// <param name="innerException">The underlying timeout.</param>
    public PgBeamTimeoutException(string message, int attempts, TimeSpan elapsed, Exception? innerException = null)
        : base(message, attempts, elapsed, timedOut: true, innerException)
    {
    }
}
