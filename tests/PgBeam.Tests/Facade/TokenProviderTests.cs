using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Facade;

/// <summary>A token provider stands in for the key: it is asked before every attempt, within a time limit.</summary>
public class TokenProviderTests
{
    [Test]
    public async Task The_provider_is_asked_again_on_each_attempt_and_its_new_answer_is_used()
    {
        using var mock = new MockHttpMessageHandler();
        var sent = new List<SentRequest>();
        mock.Expect("*").RecordTo(sent).Respond(HttpStatusCode.ServiceUnavailable);
        mock.Expect("*").RecordTo(sent).Respond("application/json", """{"regions":[]}""");
        var calls = 0;
        using var client = TestClients.Create(mock, options =>
        {
            options.ApiKey = null;
            options.TokenProvider = _ => ValueTask.FromResult($"jwt-{Interlocked.Increment(ref calls)}");
            options.Retry = new RetryOptions { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };
        });

        await client.Platform.ListRegionsAsync();

        Assert.That(calls, Is.EqualTo(2));
        Assert.That(sent.Select(r => r.Header("Authorization")), Is.EqualTo(new[] { "Bearer jwt-1", "Bearer jwt-2" }));
    }

    [Test]
    public async Task The_provider_wins_over_a_key_in_the_options()
    {
        using var mock = new MockHttpMessageHandler();
        var sent = new List<SentRequest>();
        mock.When("*").RecordTo(sent).Respond("application/json", """{"regions":[]}""");
        using var client = TestClients.Create(mock, options => options.TokenProvider = _ => ValueTask.FromResult("pbu_rotated"));

        await client.Platform.ListRegionsAsync();

        sent.Single().AssertSdkHeaders(apiKey: "pbu_rotated");
    }

    [Test]
    public async Task A_provider_that_hangs_fails_the_call_with_a_timeout_and_sends_nothing()
    {
        var (error, sent) = await CallWithHangingProviderAsync(
            options => options.TokenProviderTimeout = TimeSpan.FromSeconds(5),
            stillRunningAfter: TimeSpan.FromSeconds(4),
            because: "the provider still has a second left");

        Assert.That(error.Message, Does.Contain("token provider"));
        Assert.That(sent, Is.Empty);
    }

    [Test]
    public async Task A_provider_that_hangs_past_the_total_budget_ends_the_call_when_the_budget_runs_out()
    {
        var (error, sent) = await CallWithHangingProviderAsync(
            options =>
            {
                options.TokenProviderTimeout = TimeSpan.FromSeconds(30);
                options.Retry.TotalBudget = TimeSpan.FromSeconds(3);
            },
            stillRunningAfter: TimeSpan.FromSeconds(2),
            because: "the budget still has a second left");

        Assert.That(error.Message, Does.Contain("3 s total budget"));
        Assert.That(sent, Is.Empty);
    }

    [Test]
    public void A_provider_that_returns_an_unusable_token_fails_without_showing_it()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", """{"regions":[]}""");
        using var client = TestClients.Create(mock, options => options.TokenProvider = _ => ValueTask.FromResult("jwt-SECRET\n"));

        var error = Assert.ThrowsAsync<PgBeamAuthenticationException>(() => client.Platform.ListRegionsAsync());

        Assert.That(error!.ToString(), Does.Not.Contain("jwt-SECRET"));
    }

    [Test]
    public void The_token_provider_is_asked_before_every_attempt()
    {
        var issued = 0;
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => RetryNow(HttpStatusCode.ServiceUnavailable), () => Json(HttpStatusCode.OK, PolicyJson));
        using var client = new PgBeamClient(new PgBeamClientOptions
        {
            TokenProvider = _ => ValueTask.FromResult("jwt-" + Interlocked.Increment(ref issued)),
            BaseUrl = TestClients.BaseUrl,
            HttpClient = new HttpClient(mock),
            TimeProvider = new TimerWatchingTimeProvider(),
        });

        Assert.DoesNotThrowAsync(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        Assert.That(sent.Select(s => s.Header("Authorization")), Is.EqualTo(new[] { "Bearer jwt-1", "Bearer jwt-2" }));
    }

    [Test]
    public async Task A_token_provider_that_does_not_answer_in_time_fails_the_call_with_a_timeout_and_nothing_is_sent()
    {
        var time = new TimerWatchingTimeProvider();
        using var mock = new MockHttpMessageHandler();
        var anyRequest = mock.When("*").Respond(HttpStatusCode.OK);
        using var client = new PgBeamClient(new PgBeamClientOptions
        {
            TokenProvider = async cancellationToken =>
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return "never";
            },
            TokenProviderTimeout = TimeSpan.FromSeconds(4),
            BaseUrl = TestClients.BaseUrl,
            HttpClient = new HttpClient(mock),
            TimeProvider = time,
        });

        var call = client.Policies.GetPolicyProfileAsync("prj_1", "pol_1");
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(4));
        time.Advance(TimeSpan.FromSeconds(4));

        var error = Assert.ThrowsAsync<PgBeamTimeoutException>(() => call);
        Assert.That(error!.Message, Does.Contain("token provider did not return a token within 4 s"));
        Assert.That(mock.GetMatchCount(anyRequest), Is.Zero);
    }

    /// <summary>
    /// Calls with a token provider that never answers, under <paramref name="limits"/>: asserts the call is still running
    /// <paramref name="stillRunningAfter"/> in, then advances one second more and returns the timeout it ends with and
    /// the requests that reached the network.
    /// </summary>
    private static async Task<(PgBeamTimeoutException Error, List<SentRequest> Sent)> CallWithHangingProviderAsync(Action<PgBeamClientOptions> limits, TimeSpan stillRunningAfter, string because)
    {
        using var mock = new MockHttpMessageHandler();
        var sent = new List<SentRequest>();
        mock.When("*").RecordTo(sent).Respond("application/json", """{"regions":[]}""");
        var time = new FakeTimeProvider();
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = TestClients.Create(mock, options =>
        {
            options.TokenProvider = async cancellationToken =>
            {
                asked.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                return "never";
            };
            limits(options);
        }, time);

        var call = client.Platform.ListRegionsAsync();
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(stillRunningAfter);
        Assert.That(call.IsCompleted, Is.False, because);
        time.Advance(TimeSpan.FromSeconds(1));

        var error = Assert.ThrowsAsync<PgBeamTimeoutException>(async () => await call.WaitAsync(TimeSpan.FromSeconds(10)));
        return (error!, sent);
    }
}
