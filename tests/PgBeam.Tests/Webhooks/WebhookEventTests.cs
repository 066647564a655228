using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Newtonsoft.Json;
using NUnit.Framework;
using static PgBeam.Tests.Webhooks.SignedDelivery;

namespace PgBeam.Tests.Webhooks;

public class WebhookEventTests
{
    private sealed class ApprovalData
    {
        public string Id { get; set; } = "";

        [JsonProperty("project_id")]
        public string ProjectId { get; set; } = "";

        public decimal Amount { get; set; }
    }

    private static WebhookEvent VerifiedEvent() => Verifier(Clock()).Verify(Body, Headers(Body));

    private static WebhookVerificationException VerifySigned(byte[] body)
    {
        var timestamp = UnixSeconds(Now);
        var headers = new Dictionary<string, string>
        {
            ["X-PgBeam-Timestamp"] = timestamp,
            ["X-PgBeam-Signature-V2"] = V2(Secret, timestamp, body),
        };
        return Assert.Throws<WebhookVerificationException>(() => Verifier(Clock()).Verify(body, headers))!;
    }

    [Test]
    public void GetData_reads_the_data_as_an_sdk_model()
    {
        // The data of a delivery carries every field the contract requires of an approval request.
        var body = Body.Replace("\"sql\":", "\"policy_profile_id\":\"pol_01\",\"requested_at\":\"2026-03-01T11:59:58Z\",\"expires_at\":\"2026-03-01T12:04:58Z\",\"sql\":", StringComparison.Ordinal);
        var approval = Verifier(Clock()).Verify(body, Headers(body)).GetData<ApprovalRequest>();

        Assert.That(approval.Id, Is.EqualTo("apr_01"));
        Assert.That(approval.ProjectId, Is.EqualTo("prj_01"));
        Assert.That(approval.Sql, Is.EqualTo("DELETE FROM orders WHERE id = 7"));
        Assert.That(approval.Status, Is.EqualTo(ApprovalRequestStatus.Pending));
    }

    [Test]
    public void GetData_reads_the_data_as_your_own_class_or_a_dictionary()
    {
        var webhookEvent = VerifiedEvent();

        var data = webhookEvent.GetData<ApprovalData>();
        var dictionary = webhookEvent.GetData<Dictionary<string, object>>();

        Assert.That(data.Id, Is.EqualTo("apr_01"));
        Assert.That(data.ProjectId, Is.EqualTo("prj_01"));
        Assert.That(data.Amount, Is.EqualTo(1.50m));
        Assert.That(dictionary["sql"], Is.EqualTo("DELETE FROM orders WHERE id = 7"));
    }

    [Test]
    public void GetData_of_a_mismatched_type_throws_a_serialization_error_that_does_not_echo_the_data()
    {
        var webhookEvent = new WebhookEvent("evt_9", "anomaly.detected", "prj_01", Now, """{"id":"apr_01","amount":"s3cr3t-value"}""");

        var ex = Assert.Throws<PgBeamSerializationException>(() => webhookEvent.GetData<ApprovalData>());

        Assert.That(ex!.Message, Does.Contain("evt_9").And.Contain(nameof(ApprovalData)));
        Assert.That(ex.Message, Does.Not.Contain("s3cr3t-value"));
        Assert.That(ex.JsonPath, Is.EqualTo("amount"));
    }

    [Test]
    public void GetData_of_null_data_throws_instead_of_returning_null()
    {
        var webhookEvent = new WebhookEvent("evt_9", "anomaly.detected", "prj_01", Now, "null");

        Assert.That(() => webhookEvent.GetData<ApprovalData>(), Throws.InstanceOf<PgBeamSerializationException>().With.Message.Contains("null"));
    }

    [Test]
    public void ToString_names_the_event_but_not_its_data()
    {
        var text = VerifiedEvent().ToString();

        Assert.That(text, Does.Contain("evt_01").And.Contain("approval.requested").And.Contain("prj_01").And.Contain("dlv_07"));
        Assert.That(text, Does.Not.Contain("DELETE FROM orders"));
    }

    [Test]
    public void Non_json_payload_with_a_valid_signature_is_a_malformed_payload()
    {
        var ex = VerifySigned(Encoding.UTF8.GetBytes("token=s3cr3t-value&x=1"));

        Assert.That(ex.Reason, Is.EqualTo(WebhookVerificationFailure.MalformedPayload));
        Assert.That(ex.Message, Does.Contain("signature is valid").And.Contain("not valid JSON"));
        Assert.That(ex.Message, Does.Not.Contain("s3cr3t-value"));
    }

    [Test]
    public void Invalid_utf8_payload_with_a_valid_signature_is_a_malformed_payload()
    {
        var ex = VerifySigned([.. Encoding.UTF8.GetBytes("""{"id":"evt_01","type":"t","project_id":"p","occurred_at":"2026-03-01T12:00:00Z","data":{"x":" """), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}}")]);

        Assert.That(ex.Reason, Is.EqualTo(WebhookVerificationFailure.MalformedPayload));
    }

    [TestCase("""[1,2]""", "array")]
    [TestCase("""{"type":"t","project_id":"p","occurred_at":"2026-03-01T12:00:00Z","data":{}}""", "'id'")]
    [TestCase("""{"id":"e","type":"","project_id":"p","occurred_at":"2026-03-01T12:00:00Z","data":{}}""", "'type'")]
    [TestCase("""{"id":"e","type":"t","project_id":7,"occurred_at":"2026-03-01T12:00:00Z","data":{}}""", "'project_id'")]
    [TestCase("""{"id":"e","type":"t","project_id":"p","occurred_at":"yesterday","data":{}}""", "'occurred_at'")]
    [TestCase("""{"id":"e","type":"t","project_id":"p","occurred_at":"2026-03-01T12:00:00Z"}""", "'data'")]
    [TestCase("""{"id":"e","id":"f","type":"t","project_id":"p","occurred_at":"2026-03-01T12:00:00Z","data":{}}""", "more than once")]
    [TestCase("""{"id":"e","type":"t","project_id":"p","occurred_at":"2026-03-01T12:00:00Z","data":{}""", "not valid JSON")]
    public void Envelope_that_is_not_a_PgBeam_event_is_a_malformed_payload(string body, string problem)
    {
        var ex = VerifySigned(Encoding.UTF8.GetBytes(body));

        Assert.That(ex.Reason, Is.EqualTo(WebhookVerificationFailure.MalformedPayload));
        Assert.That(ex.Message, Does.Contain(problem));
    }

    [Test]
    public void Envelope_is_not_read_before_the_signature_is_checked()
    {
        var headers = Headers(Body);

        var ex = Assert.Throws<WebhookVerificationException>(() => Verifier(Clock()).Verify("not json at all", headers));

        Assert.That(ex!.Reason, Is.EqualTo(WebhookVerificationFailure.SignatureMismatch));
    }

    [Test]
    public void Unknown_envelope_members_are_ignored_and_data_may_be_null()
    {
        var body = Encoding.UTF8.GetBytes("""{"id":"e","type":"t","project_id":"p","occurred_at":"2026-03-01T12:00:00Z","data":null,"api_version":"2026-01"}""");
        var timestamp = UnixSeconds(Now);

        var webhookEvent = Verifier(Clock()).Verify(body, name => name switch
        {
            "X-PgBeam-Timestamp" => timestamp,
            "X-PgBeam-Signature-V2" => V2(Secret, timestamp, body),
            _ => null,
        });

        Assert.That(webhookEvent.Data, Is.EqualTo("null"));
        Assert.That(webhookEvent.OccurredAt, Is.EqualTo(Now));
    }
}
