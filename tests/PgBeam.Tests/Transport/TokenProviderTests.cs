using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Transport;

public class TokenProviderTests
{
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

        Assert.That(sent.Select(s => s.Request.Headers.Authorization!.ToString()), Is.EqualTo(new[] { "Bearer jwt-1", "Bearer jwt-2" }));
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
}
