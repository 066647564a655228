using NUnit.Framework;
using static PgBeam.Tests.Webhooks.SignedDelivery;

namespace PgBeam.Tests.Security;

/// <summary>
/// Item 9 of issue 9: GetData on correctly signed but hostile data fails only with the SDK's documented
/// PgBeamSerializationException, which never repeats the data.
/// </summary>
public class WebhookDataTests
{
    private static WebhookEvent SignedEvent(string data)
    {
        var body = """{"id":"evt_02","type":"usage.daily","project_id":"prj_01","occurred_at":"2026-03-01T11:59:58Z","data":""" + data + "}";
        return Verifier(Clock()).Verify(body, Headers(body));
    }

    [TestCase("""{"day":"2026-99-99","queries_total":5}""", TestName = "GetData_of_an_impossible_date_is_a_serialization_error")]
    [TestCase("""{"day":"SECRET-not-a-date"}""", TestName = "GetData_of_a_date_that_is_not_one_is_a_serialization_error_without_the_value")]
    [TestCase("""{"day":"2026-01-01","queries_total":99999999999999999999999}""", TestName = "GetData_of_a_number_too_large_for_its_field_is_a_serialization_error")]
    public void Hostile_data_is_a_serialization_error(string data)
    {
        var webhookEvent = SignedEvent(data);

        var error = Assert.Throws<PgBeamSerializationException>(() => webhookEvent.GetData<DailyUsage>());

        Assert.That(error!.Message, Does.Contain("evt_02").And.Contain(nameof(DailyUsage)));
        Assert.That(error.Message, Does.Not.Contain("2026-99-99").And.Not.Contain("SECRET"));
        Assert.That(error.InnerException, Is.Null, "the cause may quote the data");
        Assert.That(error.JsonPath, Is.EqualTo("day").Or.EqualTo("queries_total"));
    }

    [Test]
    public void ToString_masks_a_secret_shaped_delivery_header()
    {
        var body = """{"id":"evt_03","type":"usage.daily","project_id":"prj_01","occurred_at":"2026-03-01T11:59:58Z","data":{}}""";
        var headers = Headers(body);
        headers["X-PgBeam-Delivery"] = "pgb_live_DELIVERYSECRET";

        var webhookEvent = Verifier(Clock()).Verify(body, headers);

        Assert.That(webhookEvent.ToString(), Does.Contain("evt_03").And.Not.Contain("DELIVERYSECRET"));
    }
}
