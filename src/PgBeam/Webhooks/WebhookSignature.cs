using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PgBeam;

/// <summary>
/// Computes PgBeam webhook signatures, for senders and for tests of your own endpoint (sign a sample payload, post it,
/// check your handler accepts it). To check a delivery, use <see cref="WebhookVerifier"/>: it compares in constant
/// time and checks the timestamp.
/// </summary>
public static class WebhookSignature
{
    /// <summary>What every signature header value starts with.</summary>
    public const string Prefix = "sha256=";

    /// <summary>
    /// The value of <c>X-PgBeam-Signature-V2</c> for a payload signed at <paramref name="timestamp"/>:
    /// <c>sha256=</c> and the lowercase hex HMAC-SHA256, keyed with the UTF-8 bytes of the secret, of
    /// <c>timestamp + "." + payload</c>.
    /// </summary>
    /// <param name="secret">The endpoint's signing secret, exactly as registered (prefix included).</param>
    /// <param name="timestamp">Unix seconds, the value sent in <c>X-PgBeam-Timestamp</c>.</param>
    /// <param name="payload">The body bytes, exactly as sent.</param>
    public static string ComputeV2(string secret, long timestamp, byte[] payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        ArgumentOutOfRangeException.ThrowIfNegative(timestamp);
        ArgumentNullException.ThrowIfNull(payload);
        return Format(HashV2(Encoding.UTF8.GetBytes(secret), timestamp.ToString(CultureInfo.InvariantCulture), payload));
    }

    /// <summary>The value of <c>X-PgBeam-Signature-V2</c> for a payload sent as the UTF-8 bytes of <paramref name="payload"/>.</summary>
    /// <param name="secret">The endpoint's signing secret, exactly as registered (prefix included).</param>
    /// <param name="timestamp">Unix seconds, the value sent in <c>X-PgBeam-Timestamp</c>.</param>
    /// <param name="payload">The body text; its UTF-8 bytes are signed.</param>
    public static string ComputeV2(string secret, long timestamp, string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return ComputeV2(secret, timestamp, Encoding.UTF8.GetBytes(payload));
    }

    /// <summary>
    /// The value of the legacy <c>X-PgBeam-Signature</c>: <c>sha256=</c> and the lowercase hex HMAC-SHA256 of the body
    /// alone. It has no timestamp, so a captured delivery can be replayed; prefer <see cref="ComputeV2(string, long, byte[])"/>.
    /// </summary>
    /// <param name="secret">The endpoint's signing secret, exactly as registered (prefix included).</param>
    /// <param name="payload">The body bytes, exactly as sent.</param>
    public static string ComputeLegacy(string secret, byte[] payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        ArgumentNullException.ThrowIfNull(payload);
        return Format(HashLegacy(Encoding.UTF8.GetBytes(secret), payload));
    }

    /// <summary>The value of the legacy <c>X-PgBeam-Signature</c> for the UTF-8 bytes of <paramref name="payload"/>.</summary>
    /// <param name="secret">The endpoint's signing secret, exactly as registered (prefix included).</param>
    /// <param name="payload">The body text; its UTF-8 bytes are signed.</param>
    public static string ComputeLegacy(string secret, string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return ComputeLegacy(secret, Encoding.UTF8.GetBytes(payload));
    }

    /// <summary>The V2 MAC; <paramref name="timestamp"/> is the header text as received (ASCII digits).</summary>
    internal static byte[] HashV2(byte[] key, string timestamp, byte[] payload)
    {
        // Incremental, so a large body is never copied into one "timestamp.body" buffer.
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp));
        hmac.AppendData("."u8);
        hmac.AppendData(payload);
        return hmac.GetHashAndReset();
    }

    /// <summary>The legacy MAC, over the body alone.</summary>
    internal static byte[] HashLegacy(byte[] key, byte[] payload) => HMACSHA256.HashData(key, payload);

    private static string Format(byte[] mac) => Prefix + Convert.ToHexString(mac).ToLowerInvariant();
}
