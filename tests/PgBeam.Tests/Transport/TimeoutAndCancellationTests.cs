using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Transport;

public class TimeoutAndCancellationTests
{
    [Test]
    public async Task Caller_cancellation_during_a_backoff_wait_ends_the_call_without_the_wait_elapsing()
    {
        var time = new TimerWatchingTimeProvider();
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Post, PoliciesPath, () => Json(HttpStatusCode.ServiceUnavailable, "{}"), () => Json(HttpStatusCode.Created, PolicyJson));
        using var client = TestClients.Create(mock, options => options.Retry.JitterFraction = 0, time);
        using var cancellation = new CancellationTokenSource();

        var call = client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy(), cancellationToken: cancellation.Token);
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(500));
        await cancellation.CancelAsync();

        var error = Assert.CatchAsync<OperationCanceledException>(() => call);
        Assert.That(error!.CancellationToken, Is.EqualTo(cancellation.Token));
        Assert.That(sent, Has.Count.EqualTo(1), "no second attempt");
        Assert.That(time.GetUtcNow(), Is.EqualTo(time.Start), "the fake clock was never advanced");
    }

    [Test]
    public async Task Caller_cancellation_during_a_request_surfaces_as_OperationCanceledException_not_a_timeout()
    {
        var time = new TimerWatchingTimeProvider();
        using var transport = new UnansweredRequestHandler();
        using var client = ClientOver(transport, time);
        using var cancellation = new CancellationTokenSource();

        var call = client.Policies.GetPolicyProfileAsync("prj_1", "pol_1", cancellationToken: cancellation.Token);
        await transport.WaitForRequestAsync(1);
        await cancellation.CancelAsync();

        var error = Assert.CatchAsync<OperationCanceledException>(() => call);
        Assert.That(error, Is.Not.InstanceOf<PgBeamException>());
        Assert.That(transport.Count, Is.EqualTo(1), "not retried");
        Assert.That(time.GetUtcNow(), Is.EqualTo(time.Start));
    }

    [Test]
    public void An_already_cancelled_token_sends_nothing()
    {
        using var transport = new UnansweredRequestHandler();
        using var client = ClientOver(transport, new TimerWatchingTimeProvider());

        Assert.CatchAsync<OperationCanceledException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1", cancellationToken: new CancellationToken(true)));

        Assert.That(transport.Count, Is.Zero);
    }

    [Test]
    public async Task An_attempt_that_times_out_is_retried_and_the_last_timeout_surfaces_as_a_typed_error_with_the_attempt_count()
    {
        var time = new TimerWatchingTimeProvider();
        using var transport = new UnansweredRequestHandler();
        using var client = ClientOver(transport, time, options =>
        {
            options.Timeout = TimeSpan.FromSeconds(2);
            options.Retry.MaxRetries = 1;
            options.Retry.JitterFraction = 0;
        });

        var call = client.Policies.GetPolicyProfileAsync("prj_1", "pol_1");
        await transport.WaitForRequestAsync(1);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        time.Advance(TimeSpan.FromSeconds(2));
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(500));
        time.Advance(TimeSpan.FromMilliseconds(500));
        await transport.WaitForRequestAsync(2);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(2), occurrence: 2);
        time.Advance(TimeSpan.FromSeconds(2));

        var error = Assert.ThrowsAsync<PgBeamTimeoutException>(() => call);
        Assert.That(error, Is.InstanceOf<PgBeamNetworkException>());
        Assert.That(error!.TimedOut, Is.True);
        Assert.That(error.Attempts, Is.EqualTo(2));
        Assert.That(error.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(4.5)));
        Assert.That(error.Message, Does.Contain("getPolicyProfile timed out after 2 attempts").And.Contain("2 s attempt timeout"));
    }

    [Test]
    public async Task A_per_call_timeout_overrides_the_client_timeout()
    {
        var time = new TimerWatchingTimeProvider();
        using var transport = new UnansweredRequestHandler();
        using var client = ClientOver(transport, time, options => options.Retry.MaxRetries = 0);

        var call = client.Policies.GetPolicyProfileAsync("prj_1", "pol_1", new RequestOptions { Timeout = TimeSpan.FromSeconds(7) });
        await transport.WaitForRequestAsync(1);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(7));
        time.Advance(TimeSpan.FromSeconds(6.9));
        Assert.That(call.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromSeconds(0.1));

        var error = Assert.ThrowsAsync<PgBeamTimeoutException>(() => call);
        Assert.That(error!.Message, Does.Contain("7 s attempt timeout"));
        Assert.That(time.StartedTimers, Does.Not.Contain(TimeSpan.FromSeconds(30)), "the client's 30 s default was not used");
    }

    [Test]
    public async Task The_attempt_timeout_also_bounds_reading_a_body_that_stalls_and_the_retry_then_succeeds()
    {
        var time = new TimerWatchingTimeProvider();
        var stalled = new StalledBodyStream(Encoding.UTF8.GetBytes("""{"id":"pol_1","na"""));
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Get, PolicyPath,
            () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(stalled) },
            () => Json(HttpStatusCode.OK, PolicyJson));
        using var client = TestClients.Create(mock, options =>
        {
            options.Timeout = TimeSpan.FromSeconds(2);
            options.Retry.JitterFraction = 0;
        }, time);

        var call = client.Policies.GetPolicyProfileAsync("prj_1", "pol_1");
        await stalled.Stalled;
        time.Advance(TimeSpan.FromSeconds(2));
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(500));
        time.Advance(TimeSpan.FromMilliseconds(500));

        Assert.That((await call).Id, Is.EqualTo("pol_1"));
        Assert.That(sent, Has.Count.EqualTo(2));
    }

    [Test]
    public void A_caller_supplied_HttpClient_Timeout_counts_as_an_attempt_timeout()
    {
        // HttpClient.Timeout runs on the real clock; 50 ms keeps the test short.
        using var transport = new UnansweredRequestHandler();
        using var client = new PgBeamClient(new PgBeamClientOptions
        {
            ApiKey = TestClients.ApiKey,
            BaseUrl = TestClients.BaseUrl,
            HttpClient = new HttpClient(transport) { Timeout = TimeSpan.FromMilliseconds(50) },
            Retry = new RetryOptions { MaxRetries = 0 },
        });

        var error = Assert.ThrowsAsync<PgBeamTimeoutException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        Assert.That(error!.Message, Does.Contain("HttpClient.Timeout"));
        Assert.That(error.Attempts, Is.EqualTo(1));
    }

    [TestCase(0)]
    [TestCase(-5)]
    public void A_per_call_timeout_that_is_not_positive_is_rejected_before_anything_is_sent(int seconds)
    {
        using var transport = new UnansweredRequestHandler();
        using var client = ClientOver(transport, new TimerWatchingTimeProvider());

        Assert.ThrowsAsync<ArgumentException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1", new RequestOptions { Timeout = TimeSpan.FromSeconds(seconds) }));

        Assert.That(transport.Count, Is.Zero);
    }

    private static PgBeamClient ClientOver(HttpMessageHandler transport, TimerWatchingTimeProvider time, Action<PgBeamClientOptions>? configure = null)
    {
        var options = new PgBeamClientOptions
        {
            ApiKey = TestClients.ApiKey,
            BaseUrl = TestClients.BaseUrl,
            HttpClient = new HttpClient(transport),
            TimeProvider = time,
        };
        configure?.Invoke(options);
        return new PgBeamClient(options);
    }
}
