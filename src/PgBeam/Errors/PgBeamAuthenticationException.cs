using System;

namespace PgBeam;

/// <summary>The SDK could not obtain a usable token from the configured token provider; nothing was sent.</summary>
public sealed class PgBeamAuthenticationException : PgBeamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong; never contains the token.</param>
    /// <param name="innerException">The provider's failure, if any.</param>
    public PgBeamAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
