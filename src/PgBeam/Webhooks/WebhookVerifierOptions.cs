using System;

namespace PgBeam;

/// <summary>Settings of a <see cref="WebhookVerifier"/>; read once, when the verifier is created.</summary>
public sealed class WebhookVerifierOptions
{
    /// <summary>The tolerance used when none is set: five minutes.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How far the <c>X-PgBeam-Timestamp</c> of a delivery may be from now, in either direction, before it is
    /// rejected as <see cref="WebhookVerificationFailure.TimestampOutOfTolerance"/>. Bounds replays of a captured
    /// delivery and absorbs clock skew between PgBeam and you. Default <see cref="DefaultTolerance"/> (300 s); must be
    /// positive.
    /// </summary>
    public TimeSpan Tolerance { get; set; } = DefaultTolerance;

    /// <summary>
    /// Whether a delivery without <c>X-PgBeam-Signature-V2</c> may be accepted on the legacy
    /// <c>X-PgBeam-Signature</c> header, which signs the body only: no timestamp, so no protection against replays.
    /// Default false. When a delivery carries the V2 header, only the V2 header is checked, whatever this says.
    /// </summary>
    public bool AllowLegacySignature { get; set; }

    /// <summary>The clock the timestamp is checked against; tests pass a fake one. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
