using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Lifecycle;

public class DeprecationNoticeTests
{
    private static HttpResponseMessage Deprecated(string json)
    {
        var response = Json(HttpStatusCode.OK, json);
        response.Headers.TryAddWithoutValidation("Deprecation", "@1767225600");
        response.Headers.TryAddWithoutValidation("Sunset", "Wed, 01 Jul 2026 00:00:00 GMT");
        response.Headers.TryAddWithoutValidation("Link", "<https://pgbeam.com/docs/api-lifecycle>; rel=\"deprecation\"");
        return response;
    }

    [Test]
    public async Task A_deprecated_operation_logs_one_warning_per_operation_per_client_however_often_it_is_called()
    {
        var (factory, recorder) = RecordingLoggerProvider.CreateFactory();
        using var loggers = factory;
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => Deprecated(PolicyJson), () => Deprecated(PolicyJson), () => Deprecated(PolicyJson));
        ExpectInOrder(mock, HttpMethod.Post, PoliciesPath, () => Deprecated(PolicyJson));
        using var client = TestClients.Create(mock, options => options.LoggerFactory = factory);

        for (var i = 0; i < 3; i++)
        {
            await client.Policies.GetPolicyProfileAsync("prj_1", "pol_1");
        }

        await client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy());

        var warnings = recorder.Entries.Where(e => e.Level == LogLevel.Warning).ToList();
        Assert.That(warnings.Select(w => w.State.First(s => s.Key == "OperationId").Value), Is.EqualTo(new[] { "getPolicyProfile", "createPolicyProfile" }));
        Assert.That(warnings[0].Message, Does.Contain("Wed, 01 Jul 2026 00:00:00 GMT").And.Contain("api-lifecycle"));
    }

    [Test]
    public async Task Another_client_warns_again_for_the_same_operation()
    {
        var (factory, recorder) = RecordingLoggerProvider.CreateFactory();
        using var loggers = factory;
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => Deprecated(PolicyJson), () => Deprecated(PolicyJson));
        using var first = TestClients.Create(mock, options => options.LoggerFactory = factory);
        using var second = TestClients.Create(mock, options => options.LoggerFactory = factory);

        await first.Policies.GetPolicyProfileAsync("prj_1", "pol_1");
        await second.Policies.GetPolicyProfileAsync("prj_1", "pol_1");

        Assert.That(recorder.Entries.Count(e => e.Level == LogLevel.Warning), Is.EqualTo(2));
    }

    [Test]
    public async Task The_response_object_shows_the_deprecation_and_sunset_dates()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => Deprecated(PolicyJson), () => Json(HttpStatusCode.OK, PolicyJson));
        using var client = TestClients.Create(mock);

        var deprecated = await client.Policies.GetPolicyProfileWithResponseAsync("prj_1", "pol_1");
        var current = await client.Policies.GetPolicyProfileWithResponseAsync("prj_1", "pol_1");

        Assert.That(deprecated.IsDeprecated, Is.True);
        Assert.That(deprecated.Deprecation, Is.EqualTo(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(deprecated.Sunset, Is.EqualTo(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.That((current.IsDeprecated, current.Deprecation, current.Sunset), Is.EqualTo((false, (DateTimeOffset?)null, (DateTimeOffset?)null)));
    }

    [Test]
    public async Task Every_call_of_a_deprecated_operation_adds_an_event_to_its_activity()
    {
        var projectId = "prj_" + Guid.NewGuid().ToString("N");
        using var recorded = new RecordedActivities();
        var stopped = recorded.Stopped;
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, $"/v1/projects/{projectId}/policies/pol_1", () => Deprecated(PolicyJson), () => Deprecated(PolicyJson));
        using var client = TestClients.Create(mock);

        await client.Policies.GetPolicyProfileAsync(projectId, "pol_1");
        await client.Policies.GetPolicyProfileAsync(projectId, "pol_1");

        var activities = stopped.Where(a => (string?)a.GetTagItem("pgbeam.project_id") == projectId).ToList();
        Assert.That(activities, Has.Count.EqualTo(2));
        Assert.That(activities.Select(a => a.Events.Count(e => e.Name == "pgbeam.deprecated")), Is.All.EqualTo(1));
        var tags = activities[0].Events.Single(e => e.Name == "pgbeam.deprecated").Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.That(tags["pgbeam.sunset"], Is.EqualTo("Wed, 01 Jul 2026 00:00:00 GMT"));
    }
}
