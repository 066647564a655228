using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using PgBeam.Http;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Transport;

public class RetryTests
{
    [Test]
    public async Task Retries_503_503_then_succeeds_with_one_idempotency_key_through_a_caller_supplied_HttpClient()
    {
        var time = new TimerWatchingTimeProvider();
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Post, PoliciesPath,
            () => Json(HttpStatusCode.ServiceUnavailable, "{}"),
            () => Json(HttpStatusCode.ServiceUnavailable, "{}"),
            () => Json(HttpStatusCode.Created, PolicyJson));
        using var client = TestClients.Create(mock, options => options.Retry.JitterFraction = 0, time);

        var profile = await RunWithBackoffs(time, client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy()), 500, 1000);

        Assert.That(profile.Id, Is.EqualTo("pol_1"));
        AssertThreeAttemptsWithOneKey(sent);
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task Retries_503_503_then_succeeds_with_one_idempotency_key_under_dependency_injection()
    {
        var time = new TimerWatchingTimeProvider();
        var (loggerFactory, logs) = RecordingLoggerProvider.CreateFactory();
        using var _ = loggerFactory;
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Post, PoliciesPath,
            () => Json(HttpStatusCode.ServiceUnavailable, "{}"),
            () => Json(HttpStatusCode.ServiceUnavailable, "{}"),
            () => Json(HttpStatusCode.Created, PolicyJson));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(loggerFactory);
        services.AddPgBeam(options =>
        {
            options.ApiKey = TestClients.ApiKey;
            options.BaseUrl = TestClients.BaseUrl;
            options.Retry.JitterFraction = 0;
        }).ConfigurePrimaryHttpMessageHandler(() => mock);
        await using var provider = services.BuildServiceProvider();
        var policies = provider.GetRequiredService<IPoliciesClient>();

        var profile = await RunWithBackoffs(time, policies.CreatePolicyProfileAsync("prj_1", NewPolicy()), 500, 1000);

        Assert.That(profile.Id, Is.EqualTo("pol_1"));
        AssertThreeAttemptsWithOneKey(sent);
        Assert.That(
            logs.Entries.Where(entry => entry.Category == "PgBeam").Select(entry => entry.Message),
            Is.EqualTo(new[]
            {
                "PgBeam POST /v1/projects/{project_id}/policies -> 503 in 0.0 ms (attempt 1)",
                "PgBeam POST /v1/projects/{project_id}/policies -> 503 in 0.0 ms (attempt 2)",
                "PgBeam POST /v1/projects/{project_id}/policies -> 201 in 0.0 ms (attempt 3)",
            }),
            "the container's logger factory receives the SDK's attempt lines");
    }

    [Test]
    public async Task Retries_503_503_then_succeeds_with_one_idempotency_key_through_the_SDKs_own_connection_pool()
    {
        var time = new TimerWatchingTimeProvider();
        await using var server = LoopbackHttpServer.Start(
            LoopbackHttpServer.Respond(503, "{}"),
            LoopbackHttpServer.Respond(503, "{}"),
            LoopbackHttpServer.Respond(201, PolicyJson));
        var options = new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = server.BaseUrl, TimeProvider = time };
        options.Retry.JitterFraction = 0;
        using var client = new PgBeamClient(options);

        var profile = await RunWithBackoffs(time, client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy()), 500, 1000);

        Assert.That(profile.Id, Is.EqualTo("pol_1"));
        var requests = server.Requests;
        Assert.That(requests, Has.Count.EqualTo(3));
        Assert.That(requests.Select(r => r.Header("Idempotency-Key")).Distinct().Single(), Is.Not.Null.And.Length.EqualTo(36));
        Assert.That(requests.Select(r => r.Body).Distinct().Single(), Does.Contain("analytics-readonly"), "each attempt sends the same body again");
        Assert.That(requests.Select(r => r.Header("Authorization")).Distinct().Single(), Is.EqualTo("Bearer " + TestClients.ApiKey));
    }

    [TestCase(HttpStatusCode.BadRequest, typeof(PgBeamValidationException))]
    [TestCase(HttpStatusCode.Unauthorized, typeof(PgBeamUnauthorizedException))]
    [TestCase(HttpStatusCode.Forbidden, typeof(PgBeamForbiddenException))]
    [TestCase(HttpStatusCode.NotFound, typeof(PgBeamNotFoundException))]
    [TestCase(HttpStatusCode.Conflict, typeof(PgBeamConflictException))]
    [TestCase(HttpStatusCode.UnprocessableEntity, typeof(PgBeamValidationException))]
    public void A_client_error_is_not_retried_and_maps_to_its_type(HttpStatusCode status, Type expected)
    {
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Post, PoliciesPath,
            () => Json(status, """{"error":{"code":"SOMETHING","message":"nope"}}"""));
        using var client = TestClients.Create(mock, time: new TimerWatchingTimeProvider());

        var error = Assert.ThrowsAsync(expected, () => client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy()));

        var apiError = (PgBeamApiException)error!;
        Assert.That(sent, Has.Count.EqualTo(1));
        Assert.That(apiError.StatusCode, Is.EqualTo(status));
        Assert.That(apiError.Attempts, Is.EqualTo(1));
        Assert.That(apiError.ErrorCode, Is.EqualTo("SOMETHING"));
        Assert.That(apiError.ServerMessage, Is.EqualTo("nope"));
    }

    [Test]
    public async Task A_429_with_Retry_After_2_waits_exactly_2_seconds()
    {
        var time = new TimerWatchingTimeProvider();
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Get, PolicyPath,
            () =>
            {
                var response = Json(HttpStatusCode.TooManyRequests, """{"detail":"slow down"}""");
                response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2));
                return response;
            },
            () => Json(HttpStatusCode.OK, PolicyJson));
        using var client = TestClients.Create(mock, time: time);

        var call = client.Policies.GetPolicyProfileAsync("prj_1", "pol_1");
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        time.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.That(sent, Has.Count.EqualTo(1), "no retry before the 2 s are up");
        Assert.That(call.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.That((await call).Id, Is.EqualTo("pol_1"));
        Assert.That(sent, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_429_with_an_HTTP_date_in_Retry_After_waits_until_that_date()
    {
        var time = new TimerWatchingTimeProvider();
        var until = time.GetUtcNow().AddSeconds(5);
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Get, PolicyPath,
            () =>
            {
                var response = Json(HttpStatusCode.TooManyRequests, "{}");
                response.Headers.TryAddWithoutValidation("Retry-After", until.ToString("r", System.Globalization.CultureInfo.InvariantCulture));
                return response;
            },
            () => Json(HttpStatusCode.OK, PolicyJson));
        using var client = TestClients.Create(mock, time: time);

        var call = client.Policies.GetPolicyProfileAsync("prj_1", "pol_1");
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.That(sent, Has.Count.EqualTo(1));
        time.Advance(TimeSpan.FromSeconds(0.1));

        await call;
        Assert.That(sent, Has.Count.EqualTo(2));
        Assert.That(time.GetUtcNow(), Is.EqualTo(until));
    }

    [Test]
    public async Task Retry_After_0_and_a_past_date_retry_at_once()
    {
        var time = new TimerWatchingTimeProvider();
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Get, PolicyPath,
            () => RetryNow(HttpStatusCode.TooManyRequests),
            () =>
            {
                var response = Json(HttpStatusCode.ServiceUnavailable, "{}");
                response.Headers.RetryAfter = new RetryConditionHeaderValue(time.GetUtcNow().AddMinutes(-1));
                return response;
            },
            () => Json(HttpStatusCode.OK, PolicyJson));
        using var client = TestClients.Create(mock, time: time);

        await client.Policies.GetPolicyProfileAsync("prj_1", "pol_1");

        Assert.That(sent, Has.Count.EqualTo(3));
        Assert.That(time.GetUtcNow(), Is.EqualTo(time.Start), "the clock never moved");
    }

    [Test]
    public async Task Backoff_doubles_from_500_ms_and_is_capped_at_MaxDelay()
    {
        var time = new TimerWatchingTimeProvider();
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Get, PolicyPath,
            () => Json(HttpStatusCode.BadGateway, "{}"),
            () => Json(HttpStatusCode.GatewayTimeout, "{}"),
            () => Json(HttpStatusCode.RequestTimeout, "{}"),
            () => Json(HttpStatusCode.ServiceUnavailable, "{}"),
            () => Json(HttpStatusCode.OK, PolicyJson));
        using var client = TestClients.Create(mock, options =>
        {
            options.Retry.JitterFraction = 0;
            options.Retry.MaxDelay = TimeSpan.FromSeconds(3);
        }, time);

        await RunWithBackoffs(time, client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"), 500, 1000, 2000, 3000);

        Assert.That(sent, Has.Count.EqualTo(5));
    }

    [TestCase(0, 0.5)]
    [TestCase(0, 0.0)]
    [TestCase(0, 0.999999)]
    [TestCase(3, 0.25)]
    [TestCase(10, 0.75)]
    public void Backoff_is_min_of_base_times_2_to_the_n_and_30_s_spread_by_half_either_way(int retryIndex, double random)
    {
        var retry = new RetryOptions();
        var nominal = Math.Min(500 * Math.Pow(2, retryIndex), 30_000);

        var delay = RetryLoop.ComputeBackoff(retry, retryIndex, random);

        Assert.That(delay.TotalMilliseconds, Is.EqualTo(nominal * (1 + (0.5 * ((random * 2) - 1)))).Within(0.001));
        Assert.That(delay.TotalMilliseconds, Is.InRange(nominal * 0.5, nominal * 1.5));
    }

    [Test]
    public void MaxRetries_stops_the_loop_and_surfaces_the_last_error()
    {
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Get, PolicyPath,
            () => RetryNow(HttpStatusCode.BadGateway),
            () => RetryNow(HttpStatusCode.GatewayTimeout),
            () =>
            {
                var last = RetryNow(HttpStatusCode.ServiceUnavailable);
                last.Headers.Add("X-Request-Id", "req_last");
                return last;
            });
        using var client = TestClients.Create(mock, options => options.Retry.MaxRetries = 2, new TimerWatchingTimeProvider());

        var error = Assert.ThrowsAsync<PgBeamApiException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        Assert.That(sent, Has.Count.EqualTo(3));
        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(error.RequestId, Is.EqualTo("req_last"));
        Assert.That(error.Attempts, Is.EqualTo(3));
        Assert.That(error.Message, Does.Contain("after 3 attempts"));
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void MaxRetries_0_disables_retrying_and_a_per_call_MaxRetries_overrides_the_client()
    {
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Get, PolicyPath,
            () => RetryNow(HttpStatusCode.ServiceUnavailable),
            () => RetryNow(HttpStatusCode.ServiceUnavailable),
            () => RetryNow(HttpStatusCode.ServiceUnavailable));
        using var client = TestClients.Create(mock, options => options.Retry.MaxRetries = 0, new TimerWatchingTimeProvider());

        Assert.ThrowsAsync<PgBeamApiException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));
        Assert.That(sent, Has.Count.EqualTo(1));

        Assert.ThrowsAsync<PgBeamApiException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1", new RequestOptions { MaxRetries = 1 }));
        Assert.That(sent, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task The_total_budget_stops_the_loop_before_a_wait_that_would_pass_it_and_surfaces_the_last_error()
    {
        var time = new TimerWatchingTimeProvider();
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Get, PolicyPath,
            () => Json(HttpStatusCode.ServiceUnavailable, """{"detail":"first"}"""),
            () => Json(HttpStatusCode.ServiceUnavailable, """{"detail":"second"}"""),
            () => Json(HttpStatusCode.ServiceUnavailable, """{"detail":"third"}"""));
        using var client = TestClients.Create(mock, options =>
        {
            options.Retry.JitterFraction = 0;
            options.Retry.TotalBudget = TimeSpan.FromSeconds(3);
        }, time);

        // Waits of 0.5 s and 1 s fit in 3 s; the next (2 s, at 1.5 s elapsed) would not.
        var call = client.Policies.GetPolicyProfileAsync("prj_1", "pol_1");
        await time.WaitForTimerAsync(TimeSpan.FromMilliseconds(500));
        time.Advance(TimeSpan.FromMilliseconds(500));
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        var error = Assert.ThrowsAsync<PgBeamApiException>(() => call);

        Assert.That(sent, Has.Count.EqualTo(3));
        Assert.That(error!.ServerMessage, Is.EqualTo("third"));
        Assert.That(error.Attempts, Is.EqualTo(3));
        Assert.That(time.StartedTimers, Does.Not.Contain(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public async Task The_total_budget_ends_an_attempt_that_runs_past_it_with_a_timeout_error()
    {
        var time = new TimerWatchingTimeProvider();
        using var transport = new UnansweredRequestHandler();
        using var client = new PgBeamClient(new PgBeamClientOptions
        {
            ApiKey = TestClients.ApiKey,
            BaseUrl = TestClients.BaseUrl,
            HttpClient = new HttpClient(transport),
            TimeProvider = time,
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            Retry = new RetryOptions { TotalBudget = TimeSpan.FromSeconds(10) },
        });

        var call = client.Policies.GetPolicyProfileAsync("prj_1", "pol_1");
        await transport.WaitForRequestAsync(1);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(10));

        var error = Assert.ThrowsAsync<PgBeamTimeoutException>(() => call);
        Assert.That(error!.Message, Does.Contain("10 s total budget"));
        Assert.That(error.Attempts, Is.EqualTo(1));
        Assert.That(error.TimedOut, Is.True);
        Assert.That(error.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void A_GET_is_retried_and_carries_no_idempotency_key()
    {
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Get, PolicyPath,
            () => RetryNow(HttpStatusCode.BadGateway),
            () => Json(HttpStatusCode.OK, PolicyJson));
        using var client = TestClients.Create(mock, time: new TimerWatchingTimeProvider());

        Assert.DoesNotThrowAsync(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        Assert.That(sent, Has.Count.EqualTo(2));
        Assert.That(sent.Select(s => s.IdempotencyKey), Is.All.Null);
    }

    [Test]
    public void Network_failures_are_retried_and_end_in_a_network_error_with_attempts_and_elapsed_time()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, TestClients.Url(PolicyPath)).Throw(new HttpRequestException(HttpRequestError.ConnectionError, "refused", null));
        mock.Expect(HttpMethod.Get, TestClients.Url(PolicyPath)).Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "reset", new System.IO.IOException("reset")));
        using var client = TestClients.Create(mock, options =>
        {
            options.Retry.MaxRetries = 1;
            options.Retry.BaseDelay = TimeSpan.Zero;
        }, new TimerWatchingTimeProvider());

        var error = Assert.ThrowsAsync<PgBeamNetworkException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        mock.VerifyNoOutstandingExpectation();
        Assert.That(error!.Attempts, Is.EqualTo(2));
        Assert.That(error.TimedOut, Is.False);
        Assert.That(error.Elapsed, Is.EqualTo(TimeSpan.Zero));
        Assert.That(error.Message, Does.Contain("getPolicyProfile failed after 2 attempts").And.Contain("ResponseEnded").And.Contain("MaxRetries (1) reached"));
        Assert.That(error.InnerException, Is.TypeOf<HttpRequestException>());
    }

    [Test]
    public void A_TLS_failure_is_not_retried_but_still_surfaces_as_a_network_error()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, TestClients.Url(PolicyPath)).Throw(new HttpRequestException(HttpRequestError.SecureConnectionError, "bad certificate", null));
        using var client = TestClients.Create(mock, time: new TimerWatchingTimeProvider());

        var error = Assert.ThrowsAsync<PgBeamNetworkException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        Assert.That(error!.Attempts, Is.EqualTo(1));
        Assert.That(error.Message, Does.Contain("SecureConnectionError"));
    }

    [Test]
    public void A_POST_without_an_idempotency_key_is_retried_only_when_the_server_surely_did_nothing()
    {
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Post, PoliciesPath,
            () => RetryNow(HttpStatusCode.ServiceUnavailable),
            () => RetryNow(HttpStatusCode.TooManyRequests),
            () => RetryNow(HttpStatusCode.BadGateway));
        mock.Expect(HttpMethod.Post, TestClients.Url(PoliciesPath)).Throw(new HttpRequestException(HttpRequestError.ConnectionError, "refused", null));
        mock.Expect(HttpMethod.Post, TestClients.Url(PoliciesPath)).Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "reset", null));
        using var client = TestClients.Create(mock, options =>
        {
            options.AutomaticIdempotencyKeys = false;
            options.Retry.BaseDelay = TimeSpan.Zero;
        }, new TimerWatchingTimeProvider());

        // 503 and 429 say the request was not taken on; a 502 may come after the server acted.
        var badGateway = Assert.ThrowsAsync<PgBeamApiException>(() => client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy()));
        Assert.That(badGateway!.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(badGateway.Attempts, Is.EqualTo(3));
        Assert.That(sent.Select(s => s.IdempotencyKey), Is.All.Null);

        // A refused connection sent nothing; a reset mid-response may follow a completed action.
        var reset = Assert.ThrowsAsync<PgBeamNetworkException>(() => client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy()));
        Assert.That(reset!.Attempts, Is.EqualTo(2));
        Assert.That(reset.Message, Does.Contain("no Idempotency-Key"));
        mock.VerifyNoOutstandingExpectation();
    }

    /// <summary>Runs <paramref name="call"/>, advancing the fake clock through each expected backoff wait as soon as it starts.</summary>
    private static async Task<T> RunWithBackoffs<T>(TimerWatchingTimeProvider time, Task<T> call, params int[] waitsInMilliseconds)
    {
        foreach (var group in waitsInMilliseconds.Select((ms, index) => (ms, index)))
        {
            var wait = TimeSpan.FromMilliseconds(group.ms);
            var occurrence = waitsInMilliseconds.Take(group.index + 1).Count(ms => ms == group.ms);
            await time.WaitForTimerAsync(wait, occurrence);
            time.Advance(wait);
        }

        return await call;
    }

    private static void AssertThreeAttemptsWithOneKey(System.Collections.Generic.List<SentRequest> sent)
    {
        Assert.That(sent, Has.Count.EqualTo(3));
        var keys = sent.Select(s => s.IdempotencyKey).ToList();
        Assert.That(keys, Is.All.Not.Null);
        Assert.That(keys.Distinct().Count(), Is.EqualTo(1), "one key for every attempt of the call");
        Assert.That(Guid.TryParseExact(keys[0], "D", out _) && keys[0]![14] == '4', Is.True, "a UUIDv4"); // Guid.Version is .NET 9+: read the version digit
        Assert.That(sent.Select(s => s.Body).Distinct().Count(), Is.EqualTo(1), "the same body on every attempt");
    }
}
