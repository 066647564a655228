namespace PgBeam;

/// <summary>The HTTP headers PgBeam sends with a webhook delivery. Header names are case-insensitive.</summary>
public static class WebhookHeaderNames
{
    /// <summary>When the delivery was signed: Unix seconds, as a decimal string.</summary>
    public const string Timestamp = "X-PgBeam-Timestamp";

    /// <summary>The current signature: <c>sha256=</c> and the hex HMAC-SHA256 of <c>timestamp + "." + body</c>.</summary>
    public const string SignatureV2 = "X-PgBeam-Signature-V2";

    /// <summary>The legacy signature: <c>sha256=</c> and the hex HMAC-SHA256 of the body alone (no replay protection).</summary>
    public const string LegacySignature = "X-PgBeam-Signature";

    /// <summary>The event type, as in the envelope's <c>type</c>. Not covered by the signature.</summary>
    public const string Event = "X-PgBeam-Event";

    /// <summary>The event id, the same on every redelivery of one event: the key to de-duplicate on.</summary>
    public const string EventId = "X-PgBeam-Event-Id";

    /// <summary>The id of one delivery attempt; a redelivery gets a new one.</summary>
    public const string Delivery = "X-PgBeam-Delivery";
}
