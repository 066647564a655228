using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Transport;

public class AttemptLoggingTests
{
    [Test]
    public async Task Each_attempt_writes_one_debug_line_with_method_path_template_status_duration_and_attempt()
    {
        var (factory, logs) = RecordingLoggerProvider.CreateFactory();
        using var _ = factory;
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Post, "/v1/projects/prj_secretive_42/policies",
            () => RetryNow(HttpStatusCode.ServiceUnavailable),
            () => Json(HttpStatusCode.Created, PolicyJson));
        using var client = TestClients.Create(mock, options => options.LoggerFactory = factory, new TimerWatchingTimeProvider());

        await client.Policies.CreatePolicyProfileAsync("prj_secretive_42", NewPolicy());

        var lines = logs.Entries;
        Assert.That(lines, Has.Count.EqualTo(2));
        Assert.That(lines.Select(l => l.Category), Is.All.EqualTo("PgBeam"));
        Assert.That(lines.Select(l => l.Level), Is.All.EqualTo(LogLevel.Debug));
        Assert.That(lines[0].Message, Is.EqualTo("PgBeam POST /v1/projects/{project_id}/policies -> 503 in 0.0 ms (attempt 1)"));
        Assert.That(lines[1].Message, Is.EqualTo("PgBeam POST /v1/projects/{project_id}/policies -> 201 in 0.0 ms (attempt 2)"));
        Assert.That(lines.Select(l => l.Text), Has.None.Contain("prj_secretive_42").And.None.Contain(TestClients.ApiKey).And.None.Contain("analytics-readonly"));
        var state = lines[1].State.ToDictionary(p => p.Key, p => p.Value);
        Assert.That(state["Method"], Is.EqualTo("POST"));
        Assert.That(state["PathTemplate"], Is.EqualTo("v1/projects/{project_id}/policies"));
        Assert.That(state["Status"], Is.EqualTo("201"));
        Assert.That(state["Attempt"], Is.EqualTo(2));
        Assert.That(state["DurationMs"], Is.EqualTo(0.0));
    }

    [Test]
    public async Task A_timed_out_attempt_is_logged_with_its_duration_on_the_configured_clock()
    {
        var (factory, logs) = RecordingLoggerProvider.CreateFactory();
        using var _ = factory;
        var time = new TimerWatchingTimeProvider();
        using var transport = new UnansweredRequestHandler();
        using var client = new PgBeamClient(new PgBeamClientOptions
        {
            ApiKey = TestClients.ApiKey,
            BaseUrl = TestClients.BaseUrl,
            HttpClient = new HttpClient(transport),
            TimeProvider = time,
            LoggerFactory = factory,
            Timeout = TimeSpan.FromSeconds(3),
            Retry = new RetryOptions { MaxRetries = 0 },
        });

        var call = client.Policies.GetPolicyProfileAsync("prj_1", "pol_1");
        await transport.WaitForRequestAsync(1);
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.ThrowsAsync<PgBeamTimeoutException>(() => call);

        Assert.That(logs.Entries.Single().Message, Is.EqualTo("PgBeam GET /v1/projects/{project_id}/policies/{policy_id} -> attempt timeout in 3000.0 ms (attempt 1)"));
    }

    [Test]
    public void A_network_failure_is_logged_by_its_kind_without_the_exception_text()
    {
        var (factory, logs) = RecordingLoggerProvider.CreateFactory();
        using var _ = factory;
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Throw(new HttpRequestException(HttpRequestError.NameResolutionError, "No such host is known (api.pgbeam.test:443)"));
        using var client = TestClients.Create(mock, options =>
        {
            options.LoggerFactory = factory;
            options.Retry.MaxRetries = 0;
        });

        Assert.ThrowsAsync<PgBeamNetworkException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        var line = logs.Entries.Single();
        Assert.That(line.Message, Does.Contain("-> NameResolutionError in"));
        Assert.That(line.Exception, Is.Null);
    }

    [Test]
    public async Task Nothing_is_logged_when_Debug_is_off()
    {
        var recorder = new RecordingLoggerProvider();
        using var factory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Information).AddProvider(recorder));
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => Json(HttpStatusCode.OK, PolicyJson));
        using var client = TestClients.Create(mock, options => options.LoggerFactory = factory);

        await client.Policies.GetPolicyProfileAsync("prj_1", "pol_1");

        Assert.That(recorder.Entries, Is.Empty);
    }
}
