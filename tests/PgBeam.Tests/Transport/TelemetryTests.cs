using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Transport;

public class TelemetryTests
{
    [Test]
    public async Task An_ActivityListener_sees_one_activity_per_operation_with_its_attempts_and_retries()
    {
        // A project id of its own, so activities of other tests cannot be mistaken for this one's.
        var projectId = "prj_" + Guid.NewGuid().ToString("N");
        using var recorded = new RecordedActivities();
        var stopped = recorded.Stopped;
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Post, $"/v1/projects/{projectId}/policies",
            () => RetryNow(HttpStatusCode.ServiceUnavailable),
            () => RetryNow(HttpStatusCode.TooManyRequests),
            () => Json(HttpStatusCode.Created, PolicyJson));
        ExpectInOrder(mock, HttpMethod.Get, $"/v1/projects/{projectId}/policies/pol_1", () => Json(HttpStatusCode.NotFound, "{}"));
        using var client = TestClients.Create(mock, time: new TimerWatchingTimeProvider());

        await client.Policies.CreatePolicyProfileAsync(projectId, NewPolicy());
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => client.Policies.GetPolicyProfileAsync(projectId, "pol_1"));

        var activities = stopped.Where(a => (string?)a.GetTagItem("pgbeam.project_id") == projectId).ToList();
        Assert.That(activities, Has.Count.EqualTo(2), "one per operation, not one per attempt");

        var create = activities[0];
        Assert.That(create.OperationName, Is.EqualTo("PgBeam createPolicyProfile"));
        Assert.That(create.Kind, Is.EqualTo(ActivityKind.Client));
        Assert.That(create.GetTagItem("pgbeam.operation"), Is.EqualTo("createPolicyProfile"));
        Assert.That(create.GetTagItem("url.template"), Is.EqualTo("/v1/projects/{project_id}/policies"));
        Assert.That(create.GetTagItem("http.request.method"), Is.EqualTo("POST"));
        Assert.That(create.GetTagItem("http.response.status_code"), Is.EqualTo(201));
        Assert.That(create.GetTagItem("pgbeam.attempts"), Is.EqualTo(3));
        Assert.That(create.Status, Is.EqualTo(ActivityStatusCode.Ok));
        var retries = create.Events.Where(e => e.Name == "pgbeam.retry").ToList();
        Assert.That(retries.Select(e => e.Tags.Single(t => t.Key == "pgbeam.retry.reason").Value), Is.EqualTo(new[] { "503", "429" }));
        Assert.That(retries.Select(e => e.Tags.Single(t => t.Key == "pgbeam.attempt").Value), Is.EqualTo(new object[] { 1, 2 }));
        Assert.That(sent, Has.Count.EqualTo(3));

        var get = activities[1];
        Assert.That(get.GetTagItem("http.response.status_code"), Is.EqualTo(404));
        Assert.That(get.GetTagItem("error.type"), Is.EqualTo(nameof(PgBeamNotFoundException)));
        Assert.That(get.GetTagItem("pgbeam.attempts"), Is.EqualTo(1));
        Assert.That(get.Status, Is.EqualTo(ActivityStatusCode.Error));
    }

    [Test]
    public async Task A_MeterListener_sees_the_call_duration_and_the_retry_count()
    {
        var durations = new ConcurrentQueue<(double Value, Dictionary<string, object?> Tags)>();
        var retries = new ConcurrentQueue<(long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == PgBeamTelemetry.SourceName)
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == PgBeamTelemetry.CallDurationName)
            {
                durations.Enqueue((value, ToDictionary(tags)));
            }
        });
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == PgBeamTelemetry.RetriesName)
            {
                retries.Enqueue((value, ToDictionary(tags)));
            }
        });
        listener.Start();
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Delete, PolicyPath,
            () => RetryNow(HttpStatusCode.BadGateway),
            () => RetryNow(HttpStatusCode.GatewayTimeout),
            () => new HttpResponseMessage(HttpStatusCode.NoContent));
        using var client = TestClients.Create(mock, time: new TimerWatchingTimeProvider());

        await client.Policies.DeletePolicyProfileAsync("prj_1", "pol_1");

        var ourRetries = retries.Where(r => Equals(r.Tags["pgbeam.operation"], "deletePolicyProfile")).ToList();
        Assert.That(ourRetries.Sum(r => r.Value), Is.EqualTo(2));
        var ourDurations = durations.Where(d => Equals(d.Tags["pgbeam.operation"], "deletePolicyProfile")).ToList();
        Assert.That(ourDurations, Has.Count.EqualTo(1), "one duration per call");
        Assert.That(ourDurations[0].Value, Is.GreaterThanOrEqualTo(0));
        Assert.That(ourDurations[0].Tags["http.response.status_code"], Is.EqualTo(204));
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }
}
