using System;

namespace PgBeam;

/// <summary>
/// The API could not be reached or did not answer in time (connection refused or reset, DNS failure, attempt timeout),
/// after the SDK's retries were used up.
/// </summary>
public class PgBeamNetworkException : PgBeamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed; never contains a secret.</param>
    /// <param name="attempts">How many attempts were made.</param>
    /// <param name="elapsed">Time from the first attempt to giving up.</param>
    /// <param name="timedOut">Whether the last attempt ended by timing out.</param>
    /// <param name="innerException">The last transport failure.</param>
    public PgBeamNetworkException(string message, int attempts, TimeSpan elapsed, bool timedOut, Exception? innerException = null)
        : base(message, innerException)
    {
        Attempts = attempts;
        Elapsed = elapsed;
        TimedOut = timedOut;
    }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; }

    /// <summary>Time from the first attempt to giving up.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Whether the last attempt ended by timing out (see <see cref="PgBeamTimeoutException"/>).</summary>
    public bool TimedOut { get; }
}
