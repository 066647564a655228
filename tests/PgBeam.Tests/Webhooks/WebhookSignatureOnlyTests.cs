using System;
using System.Collections.Generic;
using System.Text;
using NUnit.Framework;

namespace PgBeam.Tests.Webhooks;

/// <summary>VerifySignature: the same checks as Verify for bodies that are not PgBeam's JSON envelope (Splunk HEC and friends).</summary>
public class WebhookSignatureOnlyTests
{
    private const string SplunkBody = """{"event":{"type":"approval.requested"},"sourcetype":"pgbeam"}""" + "\n" + """{"event":{"type":"anomaly.detected"}}""";

    private static Func<string, string?> Lookup(Dictionary<string, string> headers) =>
        name => headers.TryGetValue(name, out var value) ? value : null;

    [Test]
    public void A_correctly_signed_body_that_is_not_an_envelope_passes_the_signature_check()
    {
        var clock = SignedDelivery.Clock();
        var verifier = SignedDelivery.Verifier(clock);
        var headers = SignedDelivery.Headers(SplunkBody);

        Assert.DoesNotThrow(() => verifier.VerifySignature(SplunkBody, Lookup(headers)));
        Assert.DoesNotThrow(() => verifier.VerifySignature(Encoding.UTF8.GetBytes(SplunkBody), Lookup(headers)));
        var envelopeError = Assert.Throws<WebhookVerificationException>(() => verifier.Verify(SplunkBody, headers));
        Assert.That(envelopeError!.Reason, Is.EqualTo(WebhookVerificationFailure.MalformedPayload), "Verify still insists on the envelope");
    }

    [Test]
    public void A_tampered_body_fails_the_signature_check()
    {
        var verifier = SignedDelivery.Verifier(SignedDelivery.Clock());
        var headers = SignedDelivery.Headers(SplunkBody);

        var error = Assert.Throws<WebhookVerificationException>(() => verifier.VerifySignature(SplunkBody + " ", Lookup(headers)));

        Assert.That(error!.Reason, Is.EqualTo(WebhookVerificationFailure.SignatureMismatch));
    }

    [Test]
    public void An_expired_timestamp_fails_the_signature_check()
    {
        var verifier = SignedDelivery.Verifier(SignedDelivery.Clock());
        var headers = SignedDelivery.Headers(SplunkBody, signedAt: SignedDelivery.Now.AddMinutes(-6));

        var error = Assert.Throws<WebhookVerificationException>(() => verifier.VerifySignature(SplunkBody, Lookup(headers)));

        Assert.That(error!.Reason, Is.EqualTo(WebhookVerificationFailure.TimestampOutOfTolerance));
    }

    [Test]
    public void A_missing_signature_fails_the_signature_check()
    {
        var verifier = SignedDelivery.Verifier(SignedDelivery.Clock());

        var error = Assert.Throws<WebhookVerificationException>(() => verifier.VerifySignature(SplunkBody, _ => null));

        Assert.That(error!.Reason, Is.EqualTo(WebhookVerificationFailure.MissingHeader));
    }
}
