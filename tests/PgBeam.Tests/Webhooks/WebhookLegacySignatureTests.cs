using System;
using System.Collections.Generic;
using System.Text;
using NUnit.Framework;
using static PgBeam.Tests.Webhooks.SignedDelivery;

namespace PgBeam.Tests.Webhooks;

public class WebhookLegacySignatureTests
{
    private static Dictionary<string, string> LegacyHeaders(string body, string secret = Secret) => new()
    {
        ["X-PgBeam-Signature"] = Hmac(secret, Encoding.UTF8.GetBytes(body)),
        ["X-PgBeam-Event-Id"] = "evt_01",
    };

    [Test]
    public void Legacy_signature_is_refused_without_opt_in()
    {
        var ex = Assert.Throws<WebhookVerificationException>(() => Verifier(Clock()).Verify(Body, LegacyHeaders(Body)));

        Assert.That(ex!.Reason, Is.EqualTo(WebhookVerificationFailure.MissingHeader));
        Assert.That(ex.Message, Does.Contain("X-PgBeam-Signature-V2").And.Contain("legacy").And.Contain("AllowLegacySignature"));
    }

    [Test]
    public void Legacy_signature_is_accepted_with_opt_in()
    {
        var webhookEvent = Verifier(Clock(), allowLegacy: true).Verify(Encoding.UTF8.GetBytes(Body), LegacyHeaders(Body));

        Assert.That(webhookEvent.Id, Is.EqualTo("evt_01"));
        Assert.That(webhookEvent.EventId, Is.EqualTo("evt_01"));
    }

    [Test]
    public void Legacy_signature_has_no_timestamp_to_check()
    {
        var headers = LegacyHeaders(Body);
        headers["X-PgBeam-Timestamp"] = UnixSeconds(Now.AddDays(-30));

        Assert.That(Verifier(Clock(), allowLegacy: true).Verify(Body, headers).Id, Is.EqualTo("evt_01"));
    }

    [Test]
    public void Legacy_signature_over_a_tampered_body_is_a_mismatch()
    {
        var headers = LegacyHeaders(Body);

        var ex = Assert.Throws<WebhookVerificationException>(
            () => Verifier(Clock(), allowLegacy: true).Verify(Body.Replace("id = 7", "id = 9", StringComparison.Ordinal), headers));

        Assert.That(ex!.Reason, Is.EqualTo(WebhookVerificationFailure.SignatureMismatch));
        Assert.That(ex.Message, Does.Contain("X-PgBeam-Signature ").Or.Contain("X-PgBeam-Signature header"));
    }

    [Test]
    public void Legacy_signature_with_a_wrong_secret_is_a_mismatch()
    {
        var ex = Assert.Throws<WebhookVerificationException>(
            () => Verifier(Clock(), allowLegacy: true).Verify(Body, LegacyHeaders(Body, "whsec_other")));

        Assert.That(ex!.Reason, Is.EqualTo(WebhookVerificationFailure.SignatureMismatch));
    }

    [Test]
    public void Malformed_legacy_signature_is_reported()
    {
        var headers = new Dictionary<string, string> { ["X-PgBeam-Signature"] = "md5=abc" };

        var ex = Assert.Throws<WebhookVerificationException>(() => Verifier(Clock(), allowLegacy: true).Verify(Body, headers));

        Assert.That(ex!.Reason, Is.EqualTo(WebhookVerificationFailure.MalformedHeader));
        Assert.That(ex.Message, Does.Contain("X-PgBeam-Signature"));
    }

    [Test]
    public void With_opt_in_a_delivery_without_either_signature_is_missing_a_header()
    {
        var ex = Assert.Throws<WebhookVerificationException>(
            () => Verifier(Clock(), allowLegacy: true).Verify(Body, new Dictionary<string, string> { ["X-PgBeam-Timestamp"] = UnixSeconds(Now) }));

        Assert.That(ex!.Reason, Is.EqualTo(WebhookVerificationFailure.MissingHeader));
    }

    [Test]
    public void When_a_v2_signature_is_present_a_valid_legacy_one_cannot_rescue_it()
    {
        // No downgrade: a forged or stale V2 delivery is not accepted on the weaker scheme.
        var headers = Headers(Body, Now.AddHours(-1));
        headers["X-PgBeam-Signature"] = Hmac(Secret, Encoding.UTF8.GetBytes(Body));
        var verifier = Verifier(Clock(), allowLegacy: true);

        var stale = Assert.Throws<WebhookVerificationException>(() => verifier.Verify(Body, headers));
        headers["X-PgBeam-Signature-V2"] = "sha256=" + new string('0', 64);
        var forged = Assert.Throws<WebhookVerificationException>(() => verifier.Verify(Body, headers));

        Assert.That(stale!.Reason, Is.EqualTo(WebhookVerificationFailure.TimestampOutOfTolerance));
        Assert.That(forged!.Reason, Is.EqualTo(WebhookVerificationFailure.SignatureMismatch));
    }
}
