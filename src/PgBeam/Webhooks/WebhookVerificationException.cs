using System;

namespace PgBeam;

/// <summary>
/// A webhook delivery failed verification: answer it with a 4xx status and do not act on it. <see cref="Reason"/>
/// says which check failed; the message says why, and never contains the secret or the expected signature.
/// </summary>
public sealed class WebhookVerificationException : PgBeamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Which check failed.</param>
    /// <param name="message">Why; never contains the secret or the expected signature.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public WebhookVerificationException(WebhookVerificationFailure reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Which check failed.</summary>
    public WebhookVerificationFailure Reason { get; }
}
