namespace PgBeam;

/// <summary>Which check a webhook delivery failed; see <see cref="WebhookVerificationException.Reason"/>.</summary>
public enum WebhookVerificationFailure
{
    // Explicit values from 1, so default(WebhookVerificationFailure) is never mistaken for a real reason.

    /// <summary>
    /// A header the check needs is absent or empty: <c>X-PgBeam-Signature-V2</c> (the endpoint may have no secret, or
    /// only the legacy <c>X-PgBeam-Signature</c> was sent and <see cref="WebhookVerifierOptions.AllowLegacySignature"/>
    /// is off) or <c>X-PgBeam-Timestamp</c>.
    /// </summary>
    MissingHeader = 1,

    /// <summary>
    /// A signature header is not <c>sha256=</c> followed by 64 hexadecimal digits, or the timestamp header is not
    /// Unix seconds as a decimal integer.
    /// </summary>
    MalformedHeader = 2,

    /// <summary>
    /// The signature is valid but its timestamp is further from now than
    /// <see cref="WebhookVerifierOptions.Tolerance"/>, in the past or the future: a replayed or delayed delivery, or a
    /// clock that is off.
    /// </summary>
    TimestampOutOfTolerance = 3,

    /// <summary>
    /// The signature does not match the payload: a different secret, or a body or timestamp changed after signing
    /// (including a body re-encoded or re-formatted before it reached the verifier).
    /// </summary>
    SignatureMismatch = 4,

    /// <summary>The signature is valid but the payload is not a PgBeam event envelope (not JSON, or a member missing).</summary>
    MalformedPayload = 5,
}
