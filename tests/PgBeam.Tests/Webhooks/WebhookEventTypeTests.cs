using System;
using System.Linq;
using System.Reflection;
using NUnit.Framework;

namespace PgBeam.Tests.Webhooks;

public class WebhookEventTypeTests
{
    [Test]
    public void The_switchable_constants_are_exactly_the_known_event_types_in_contract_order()
    {
        var constants = typeof(WebhookEventType.Constants).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!);

        Assert.That(constants, Is.EqualTo(WebhookEventType.KnownValues.Select(v => v.Value)));
        Assert.That(constants, Does.Contain("approval_requested").And.Contain("webhook.test"));
    }

    [Test]
    public void A_switch_on_the_type_reaches_the_known_branch_and_an_unknown_type_falls_to_default_without_throwing()
    {
        static string Route(WebhookEvent e) => e.Type switch
        {
            WebhookEventType.Constants.QueryBlocked => "blocked",
            WebhookEventType.Constants.CanaryTripped => "canary",
            _ => "ignored",
        };

        var known = new WebhookEvent("evt_1", "query_blocked", "prj_1", DateTimeOffset.UnixEpoch, """{"query":"select 1","brand_new_field":[1,2]}""");
        var unknown = new WebhookEvent("evt_2", "something_new", "prj_1", DateTimeOffset.UnixEpoch, """{"x":1}""");

        Assert.That((Route(known), Route(unknown)), Is.EqualTo(("blocked", "ignored")));
        Assert.That(known.EventType, Is.EqualTo(WebhookEventType.QueryBlocked));
        Assert.That(unknown.EventType.IsKnown, Is.False);
        Assert.That(unknown.EventType.Value, Is.EqualTo("something_new"));
        Assert.DoesNotThrow(() => known.GetData<System.Collections.Generic.Dictionary<string, object?>>());
    }
}
