using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Transport;

/// <summary>Behaviour only real sockets show, through the SDK's own connection pool and a loopback server.</summary>
public class LoopbackTransportTests
{
    [Test]
    public async Task A_connection_reset_mid_body_is_retried_with_the_same_idempotency_key()
    {
        var time = new TimerWatchingTimeProvider();
        await using var server = LoopbackHttpServer.Start(
            LoopbackHttpServer.ResetMidBody(PolicyJson, sentPart: 20),
            LoopbackHttpServer.Respond(201, PolicyJson));
        using var client = ClientFor(server, time);

        var call = client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy());
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(500));
        time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.That((await call).Id, Is.EqualTo("pol_1"));
        var requests = server.Requests;
        Assert.That(requests, Has.Count.EqualTo(2));
        Assert.That(requests[0].Header("Idempotency-Key"), Is.Not.Null.And.EqualTo(requests[1].Header("Idempotency-Key")));
        Assert.That(requests[1].Body, Is.EqualTo(requests[0].Body));
        Assert.That(server.Connections, Is.EqualTo(2), "the reset connection was not reused");
    }

    [Test]
    public async Task A_GET_whose_connection_resets_mid_body_is_retried()
    {
        var time = new TimerWatchingTimeProvider();
        await using var server = LoopbackHttpServer.Start(
            LoopbackHttpServer.ResetMidBody(PolicyJson, sentPart: 5),
            LoopbackHttpServer.Respond(200, PolicyJson));
        using var client = ClientFor(server, time);

        var call = client.Policies.GetPolicyProfileAsync("prj_1", "pol_1");
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(500));
        time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.That((await call).Name, Is.EqualTo("analytics-readonly"));
        Assert.That(server.Requests.Select(r => r.Method), Is.EqualTo(new[] { "GET", "GET" }));
        Assert.That(server.Requests.Select(r => r.Header("Idempotency-Key")), Is.All.Null);
    }

    [Test]
    public async Task Resets_on_every_attempt_end_in_a_network_error_naming_the_attempts()
    {
        await using var server = LoopbackHttpServer.Start(
            LoopbackHttpServer.ResetMidBody(PolicyJson, sentPart: 5),
            LoopbackHttpServer.ResetMidBody(PolicyJson, sentPart: 5));
        using var client = ClientFor(server, new TimerWatchingTimeProvider(), options =>
        {
            options.Retry.MaxRetries = 1;
            options.Retry.BaseDelay = TimeSpan.Zero;
        });

        var error = Assert.ThrowsAsync<PgBeamNetworkException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        Assert.That(error!.Attempts, Is.EqualTo(2));
        Assert.That(error.TimedOut, Is.False);
        Assert.That(error.Message, Does.Contain("could not be reached"));
        Assert.That(server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_body_that_stalls_hits_the_attempt_timeout_and_the_retry_succeeds()
    {
        var time = new TimerWatchingTimeProvider();
        var stalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = LoopbackHttpServer.Start(
            LoopbackHttpServer.StallMidBody(PolicyJson, sentPart: 30, stalled),
            LoopbackHttpServer.Respond(200, PolicyJson));
        using var client = ClientFor(server, time, options => options.Timeout = TimeSpan.FromSeconds(5));

        var call = client.Policies.GetPolicyProfileAsync("prj_1", "pol_1");
        await stalled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(5));
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(500));
        time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.That((await call).Id, Is.EqualTo("pol_1"));
        Assert.That(server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Caller_cancellation_while_a_body_stalls_ends_the_call_at_once()
    {
        var time = new TimerWatchingTimeProvider();
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = LoopbackHttpServer.Start(LoopbackHttpServer.StallMidBody(PolicyJson, sentPart: 30));
        server.RequestReceived += _ => received.TrySetResult();
        using var client = ClientFor(server, time);
        using var cancellation = new CancellationTokenSource();

        var call = client.Policies.GetPolicyProfileAsync("prj_1", "pol_1", cancellationToken: cancellation.Token);
        await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();

        Assert.CatchAsync<OperationCanceledException>(() => call);
        Assert.That(server.Requests, Has.Count.EqualTo(1));
        Assert.That(time.GetUtcNow(), Is.EqualTo(time.Start));
    }

    [Test]
    public async Task A_refused_connection_is_retried_even_for_a_POST_and_ends_in_a_network_error()
    {
        var time = new TimerWatchingTimeProvider();
        var options = new PgBeamClientOptions
        {
            ApiKey = TestClients.ApiKey,
            BaseUrl = $"http://127.0.0.1:{LoopbackHttpServer.UnusedPort()}",
            TimeProvider = time,
            AutomaticIdempotencyKeys = false,
            Retry = new RetryOptions { MaxRetries = 2, JitterFraction = 0 },
        };
        using var client = new PgBeamClient(options);

        var call = client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy());
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(500));
        time.Advance(TimeSpan.FromMilliseconds(500));
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));

        var error = Assert.ThrowsAsync<PgBeamNetworkException>(() => call);
        Assert.That(error!.Attempts, Is.EqualTo(3));
        Assert.That(error.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(1.5)));
        Assert.That(error.Message, Does.Contain("ConnectionError").And.Contain("MaxRetries (2) reached"));
    }

    private static PgBeamClient ClientFor(LoopbackHttpServer server, TimerWatchingTimeProvider time, Action<PgBeamClientOptions>? configure = null)
    {
        // No HttpClient: the SDK's own SocketsHttpHandler talks to the server.
        var options = new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = server.BaseUrl, TimeProvider = time };
        options.Retry.JitterFraction = 0;
        configure?.Invoke(options);
        return new PgBeamClient(options);
    }
}
