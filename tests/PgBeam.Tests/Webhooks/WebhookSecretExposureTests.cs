using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using NUnit.Framework;
using static PgBeam.Tests.Webhooks.SignedDelivery;

namespace PgBeam.Tests.Webhooks;

public class WebhookSecretExposureTests
{
    /// <summary>One delivery per failure reason, each verified with the real secret.</summary>
    private static IEnumerable<(string Body, Dictionary<string, string> Headers, DateTimeOffset Now)> FailingDeliveries()
    {
        yield return (Body, new Dictionary<string, string>(), Now);
        yield return (Body, new Dictionary<string, string> { ["X-PgBeam-Signature"] = Hmac(Secret, Encoding.UTF8.GetBytes(Body)) }, Now);
        yield return (Body, new Dictionary<string, string> { ["X-PgBeam-Signature-V2"] = "sha256=xyz", ["X-PgBeam-Timestamp"] = "1" }, Now);
        yield return (Body, new Dictionary<string, string> { ["X-PgBeam-Signature-V2"] = "sha256=" + new string('0', 64) }, Now);
        yield return (Body, new Dictionary<string, string> { ["X-PgBeam-Signature-V2"] = "sha256=" + new string('0', 64), ["X-PgBeam-Timestamp"] = "x" }, Now);
        yield return (Body + " ", Headers(Body), Now);
        yield return (Body, Headers(Body), Now.AddHours(1));
        yield return ("[]", Headers("[]"), Now);
    }

    [Test]
    public void No_failure_message_contains_the_secret_or_the_expected_signature()
    {
        var reasons = new HashSet<WebhookVerificationFailure>();
        foreach (var (body, headers, now) in FailingDeliveries())
        {
            var clock = Clock();
            clock.SetUtcNow(now);
            var ex = Assert.Throws<WebhookVerificationException>(() => Verifier(clock).Verify(body, headers))!;
            reasons.Add(ex.Reason);

            var timestamp = headers.GetValueOrDefault("X-PgBeam-Timestamp") ?? UnixSeconds(Now);
            var expectedHex = V2(Secret, timestamp, body)["sha256=".Length..];
            var legacyHex = Hmac(Secret, Encoding.UTF8.GetBytes(body))["sha256=".Length..];
            foreach (var text in new[] { ex.Message, ex.ToString() })
            {
                Assert.That(text, Does.Not.Contain(Secret).And.Not.Contain("4f1c9a2b7e6d"), ex.Reason.ToString());
                Assert.That(text, Does.Not.Contain(expectedHex).IgnoreCase.And.Not.Contain(legacyHex).IgnoreCase, ex.Reason.ToString());
            }
        }

        Assert.That(reasons, Is.EquivalentTo(Enum.GetValues<WebhookVerificationFailure>()), "every reason is exercised");
    }

    [Test]
    public void Nothing_the_verifier_hands_out_prints_the_secret()
    {
        var options = new WebhookVerifierOptions { TimeProvider = Clock() };
        var verifier = new WebhookVerifier(Secret, options);
        var webhookEvent = verifier.Verify(Body, Headers(Body));

        foreach (var text in new[] { verifier.ToString(), options.ToString(), webhookEvent.ToString() })
        {
            Assert.That(text, Does.Not.Contain(Secret));
        }
    }

    [Test]
    public void Argument_errors_do_not_echo_the_secret()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(
            () => new WebhookVerifier(Secret, new WebhookVerifierOptions { Tolerance = TimeSpan.FromSeconds(-1) }));

        Assert.That(ex!.Message, Does.Not.Contain(Secret));
    }
}
