using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace PgBeam.Tests.Webhooks;

/// <summary>
/// Builds webhook deliveries the way PgBeam signs them, with the test's own HMAC: never with the SDK's
/// <see cref="WebhookSignature"/>, so a bug there cannot hide a bug in the verifier.
/// </summary>
internal static class SignedDelivery
{
    public const string Secret = "whsec_test_4f1c9a2b7e6d";

    /// <summary>The fake "now" of every test; 1772366400 in Unix seconds.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public const string Body =
        """{"id":"evt_01","type":"approval.requested","project_id":"prj_01","occurred_at":"2026-03-01T11:59:58.25+01:00","data":{"id":"apr_01","project_id":"prj_01","sql":"DELETE FROM orders WHERE id = 7","status":"pending","amount":1.50,"big":12345678901234567890.123456789}}""";

    public static FakeTimeProvider Clock() => new(Now);

    public static WebhookVerifier Verifier(FakeTimeProvider clock, bool allowLegacy = false, TimeSpan? tolerance = null, string secret = Secret) =>
        new(secret, new WebhookVerifierOptions
        {
            TimeProvider = clock,
            AllowLegacySignature = allowLegacy,
            Tolerance = tolerance ?? TimeSpan.FromSeconds(300),
        });

    public static string UnixSeconds(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary><c>sha256=</c> + lowercase hex HMAC-SHA256 keyed with the secret's UTF-8 bytes.</summary>
    public static string Hmac(string secret, byte[] message)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return "sha256=" + Convert.ToHexString(hmac.ComputeHash(message)).ToLowerInvariant();
    }

    public static string V2(string secret, string timestamp, byte[] body)
    {
        var message = new byte[timestamp.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(timestamp, message);
        message[timestamp.Length] = (byte)'.';
        body.CopyTo(message, timestamp.Length + 1);
        return Hmac(secret, message);
    }

    public static string V2(string secret, string timestamp, string body) => Hmac(secret, Encoding.UTF8.GetBytes(timestamp + "." + body));

    /// <summary>The headers PgBeam sends with <paramref name="body"/> signed at <paramref name="signedAt"/> (default: now).</summary>
    public static Dictionary<string, string> Headers(string body, DateTimeOffset? signedAt = null, string secret = Secret)
    {
        var timestamp = UnixSeconds(signedAt ?? Now);
        return new Dictionary<string, string>
        {
            ["X-PgBeam-Timestamp"] = timestamp,
            ["X-PgBeam-Signature-V2"] = V2(secret, timestamp, body),
            ["X-PgBeam-Event"] = "approval.requested",
            ["X-PgBeam-Event-Id"] = "evt_01",
            ["X-PgBeam-Delivery"] = "dlv_07",
        };
    }
}
