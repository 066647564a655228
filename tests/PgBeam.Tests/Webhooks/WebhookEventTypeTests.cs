using System;
using System.Linq;
using System.Reflection;
using NUnit.Framework;

namespace PgBeam.Tests.Webhooks;

public class WebhookEventTypeTests
{
    [Test]
    public void The_switchable_constants_are_exactly_the_event_types_the_contract_declares()
    {
        var constants = typeof(WebhookEventTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!);

        Assert.That(constants, Is.EquivalentTo(WebhookEventType.KnownValues.Select(v => v.Value)));
    }

    [Test]
    public void A_switch_on_the_type_reaches_the_known_branch_and_an_unknown_type_falls_to_default_without_throwing()
    {
        static string Route(WebhookEvent e) => e.Type switch
        {
            WebhookEventTypes.QueryBlocked => "blocked",
            WebhookEventTypes.CanaryTripped => "canary",
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
