using System;

namespace PgBeam;

/// <summary>
/// The root of every error the PgBeam SDK throws (besides argument checks and cancellation):
/// catch it to handle any failure of a call.
/// </summary>
public abstract class PgBeamException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong; never contains a secret.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    protected PgBeamException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
