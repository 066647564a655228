using System;
using System.Text;
using NUnit.Framework;
using static PgBeam.Tests.Webhooks.SignedDelivery;

namespace PgBeam.Tests.Webhooks;

public class WebhookSignatureTests
{
    // Known answers from openssl:
    // printf '%s' "1772366400.$BODY" | openssl dgst -sha256 -hmac 'whsec_known_answer_secret'
    // printf '%s' "$BODY" | openssl dgst -sha256 -hmac 'whsec_known_answer_secret'
    private const string KnownBody = """{"id":"evt_01","type":"approval.requested","project_id":"prj_01","occurred_at":"2026-03-01T12:00:00Z","data":{"id":"apr_01","sql":"DELETE FROM orders"}}""";
    private const string KnownSecret = "whsec_known_answer_secret";

    [Test]
    public void ComputeV2_matches_an_independently_computed_known_answer()
    {
        Assert.That(WebhookSignature.ComputeV2(KnownSecret, 1772366400, KnownBody),
            Is.EqualTo("sha256=2845ee8d5c01ebc8e627ab2dfdf19ae574a53ff170c8cb82eeb4431354ce8a8c"));
        Assert.That(WebhookSignature.ComputeV2(KnownSecret, 1772366400, Encoding.UTF8.GetBytes(KnownBody)),
            Is.EqualTo("sha256=2845ee8d5c01ebc8e627ab2dfdf19ae574a53ff170c8cb82eeb4431354ce8a8c"));
    }

    [Test]
    public void ComputeLegacy_matches_an_independently_computed_known_answer()
    {
        Assert.That(WebhookSignature.ComputeLegacy(KnownSecret, KnownBody),
            Is.EqualTo("sha256=2cd554cfdbdbef0b607776537c2f23b5415a805dd953c99fbaa45978ab6e882a"));
        Assert.That(WebhookSignature.ComputeLegacy(KnownSecret, Encoding.UTF8.GetBytes(KnownBody)),
            Is.EqualTo("sha256=2cd554cfdbdbef0b607776537c2f23b5415a805dd953c99fbaa45978ab6e882a"));
    }

    [Test]
    public void ComputeV2_matches_the_tests_own_hmac_for_non_ascii_bodies()
    {
        const string body = """{"note":"Zürich – 東京"}""";

        Assert.That(WebhookSignature.ComputeV2(Secret, 1, body), Is.EqualTo(V2(Secret, "1", body)));
    }

    [Test]
    public void A_signature_from_ComputeV2_is_accepted_by_the_verifier()
    {
        var timestamp = Now.ToUnixTimeSeconds();

        var webhookEvent = Verifier(Clock()).Verify(Body, name => name switch
        {
            WebhookHeaderNames.Timestamp => timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            WebhookHeaderNames.SignatureV2 => WebhookSignature.ComputeV2(Secret, timestamp, Body),
            _ => null,
        });

        Assert.That(webhookEvent.Id, Is.EqualTo("evt_01"));
    }

    [Test]
    public void Compute_rejects_a_blank_secret_and_a_negative_timestamp()
    {
        Assert.That(() => WebhookSignature.ComputeV2(" ", 1, "{}"), Throws.ArgumentException);
        Assert.That(() => WebhookSignature.ComputeV2(Secret, -1, "{}"), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => WebhookSignature.ComputeLegacy("", "{}"), Throws.ArgumentException);
    }
}
