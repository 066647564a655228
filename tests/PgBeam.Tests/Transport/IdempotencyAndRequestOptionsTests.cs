using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Transport;

public class IdempotencyAndRequestOptionsTests
{
    [Test]
    public void A_409_IDEMPOTENCY_KEY_REUSED_maps_to_its_own_type_and_is_not_retried()
    {
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Post, PoliciesPath, () => Json(HttpStatusCode.Conflict,
            """{"error":{"code":"IDEMPOTENCY_KEY_REUSED","message":"This Idempotency-Key was used with a different request body."}}"""));
        using var client = TestClients.Create(mock, time: new TimerWatchingTimeProvider());

        var error = Assert.ThrowsAsync<PgBeamIdempotencyKeyReusedException>(
            () => client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy(), new RequestOptions { IdempotencyKey = "job-42" }));

        Assert.That(sent, Has.Count.EqualTo(1));
        Assert.That(error, Is.InstanceOf<PgBeamConflictException>(), "still a conflict for code that catches those");
        Assert.That(error!.ErrorCode, Is.EqualTo(ErrorCode.IdempotencyKeyReused.Value));
        Assert.That(error.ServerMessage, Is.EqualTo("This Idempotency-Key was used with a different request body."));
    }

    [Test]
    public void Another_409_stays_a_plain_conflict()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Post, PoliciesPath, () => Json(HttpStatusCode.Conflict, """{"error":{"code":"ALREADY_EXISTS","message":"taken"}}"""));
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<PgBeamConflictException>(() => client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy()));

        Assert.That(error, Is.Not.InstanceOf<PgBeamIdempotencyKeyReusedException>());
        Assert.That(error!.IsConflict, Is.True);
    }

    [Test]
    public void A_per_call_key_is_sent_as_given_on_every_attempt()
    {
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Post, PoliciesPath,
            () => RetryNow(HttpStatusCode.ServiceUnavailable),
            () => Json(HttpStatusCode.Created, PolicyJson));
        using var client = TestClients.Create(mock, time: new TimerWatchingTimeProvider());

        Assert.DoesNotThrowAsync(() => client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy(), new RequestOptions { IdempotencyKey = "job-42:Create_Credential" }));

        Assert.That(sent.Select(s => s.IdempotencyKey), Is.EqualTo(new[] { "job-42:Create_Credential", "job-42:Create_Credential" }));
    }

    [Test]
    public void A_per_call_key_is_sent_even_with_automatic_keys_off_and_on_any_method()
    {
        using var mock = new MockHttpMessageHandler();
        var posts = ExpectInOrder(mock, HttpMethod.Post, PoliciesPath, () => Json(HttpStatusCode.Created, PolicyJson), () => Json(HttpStatusCode.Created, PolicyJson));
        var deletes = ExpectInOrder(mock, HttpMethod.Delete, PolicyPath, () => new HttpResponseMessage(HttpStatusCode.NoContent));
        using var client = TestClients.Create(mock, options => options.AutomaticIdempotencyKeys = false);

        Assert.DoesNotThrowAsync(() => client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy()));
        Assert.DoesNotThrowAsync(() => client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy(), new RequestOptions { IdempotencyKey = "mine" }));
        Assert.DoesNotThrowAsync(() => client.Policies.DeletePolicyProfileAsync("prj_1", "pol_1", new RequestOptions { IdempotencyKey = "delete-once" }));

        Assert.That(posts.Select(s => s.IdempotencyKey), Is.EqualTo(new[] { null, "mine" }));
        Assert.That(deletes.Single().IdempotencyKey, Is.EqualTo("delete-once"));
    }

    [Test]
    public void POST_and_PATCH_get_a_fresh_key_per_call_and_PUT_GET_DELETE_get_none()
    {
        using var mock = new MockHttpMessageHandler();
        var posts = ExpectInOrder(mock, HttpMethod.Post, PoliciesPath, () => Json(HttpStatusCode.Created, PolicyJson), () => Json(HttpStatusCode.Created, PolicyJson));
        var patches = ExpectInOrder(mock, HttpMethod.Patch, "/v1/projects/prj_1/agents/agt_1", () => Json(HttpStatusCode.OK, ContractSamples.CompleteSchema("AgentCredential", """{"id":"agt_1"}""")));
        var puts = ExpectInOrder(mock, HttpMethod.Put, PolicyPath, () => Json(HttpStatusCode.OK, PolicyJson));
        var gets = ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => Json(HttpStatusCode.OK, PolicyJson));
        var deletes = ExpectInOrder(mock, HttpMethod.Delete, PolicyPath, () => new HttpResponseMessage(HttpStatusCode.NoContent));
        using var client = TestClients.Create(mock);

        Assert.DoesNotThrowAsync(() => client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy()));
        Assert.DoesNotThrowAsync(() => client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy()));
        Assert.DoesNotThrowAsync(() => client.Agents.UpdateAgentCredentialStatusAsync("prj_1", "agt_1", new UpdateAgentCredentialStatusRequest { Status = AgentCredentialStatusUpdate.Disabled }));
        Assert.DoesNotThrowAsync(() => client.Policies.UpdatePolicyProfileAsync("prj_1", "pol_1", NewPolicy()));
        Assert.DoesNotThrowAsync(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));
        Assert.DoesNotThrowAsync(() => client.Policies.DeletePolicyProfileAsync("prj_1", "pol_1"));

        mock.VerifyNoOutstandingExpectation();
        Assert.That(posts[0].IdempotencyKey, Is.Not.Null.And.Not.EqualTo(posts[1].IdempotencyKey), "a new call is a new request");
        Assert.That(patches.Single().IdempotencyKey, Is.Not.Null);
        Assert.That(puts.Concat(gets).Concat(deletes).Select(s => s.IdempotencyKey), Is.All.Null);
    }

    [TestCase("")]
    [TestCase("has space")]
    [TestCase("caf\u00e9")]
    public void An_unusable_per_call_key_is_rejected_before_anything_is_sent(string key)
    {
        using var mock = new MockHttpMessageHandler();
        var anyRequest = mock.When("*").Respond(HttpStatusCode.OK);
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<ArgumentException>(() => client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy(), new RequestOptions { IdempotencyKey = key }));

        Assert.That(error!.Message, Does.Contain("IdempotencyKey").And.Contain("nothing was sent"));
        Assert.That(mock.GetMatchCount(anyRequest), Is.Zero);
    }

    [Test]
    public void The_response_callback_sees_status_and_headers_of_the_final_response()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Post, PoliciesPath,
            () => RetryNow(HttpStatusCode.TooManyRequests),
            () =>
            {
                var response = Json(HttpStatusCode.Created, PolicyJson);
                response.Headers.Add("X-Request-Id", "req_123");
                response.Headers.Add("X-RateLimit-Remaining", "41");
                return response;
            });
        using var client = TestClients.Create(mock, time: new TimerWatchingTimeProvider());
        PgBeamResponseInfo? seen = null;

        Assert.DoesNotThrowAsync(() => client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy(), new RequestOptions { OnResponse = info => seen = info }));

        Assert.That(seen, Is.Not.Null);
        Assert.That(seen!.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(seen.RequestId, Is.EqualTo("req_123"));
        Assert.That(seen.GetHeader("x-ratelimit-remaining"), Is.EqualTo("41"));
        Assert.That(seen.Headers["Content-Type"].Single(), Does.StartWith("application/json"));
        Assert.That(seen.Attempts, Is.EqualTo(2));
    }

    [Test]
    public void The_response_callback_is_not_called_when_the_call_fails()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => Json(HttpStatusCode.NotFound, "{}"));
        using var client = TestClients.Create(mock);
        var called = false;

        Assert.ThrowsAsync<PgBeamNotFoundException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1", new RequestOptions { OnResponse = _ => called = true }));

        Assert.That(called, Is.False);
    }

    [Test]
    public void Extra_headers_are_sent_on_every_attempt()
    {
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => RetryNow(HttpStatusCode.BadGateway), () => Json(HttpStatusCode.OK, PolicyJson));
        using var client = TestClients.Create(mock, time: new TimerWatchingTimeProvider());
        var options = new RequestOptions();
        options.Headers["X-Correlation-Id"] = "corr-7";

        Assert.DoesNotThrowAsync(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1", options));

        Assert.That(sent.Select(s => s.Header("X-Correlation-Id")), Is.EqualTo(new[] { "corr-7", "corr-7" }));
    }

    [TestCase("Authorization", "Bearer value-7f3a")]
    [TestCase("idempotency-key", "value-7f3a")]
    [TestCase("User-Agent", "value-7f3a")]
    [TestCase("Bad Name", "value-7f3a")]
    [TestCase("X-Fine", "value-7f3a\r\nbreak")]
    public void Headers_the_SDK_owns_or_malformed_headers_are_rejected_before_anything_is_sent(string name, string value)
    {
        using var mock = new MockHttpMessageHandler();
        var anyRequest = mock.When("*").Respond(HttpStatusCode.OK);
        using var client = TestClients.Create(mock);
        var options = new RequestOptions();
        options.Headers[name] = value;

        var error = Assert.ThrowsAsync<ArgumentException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1", options));

        Assert.That(error!.Message, Does.Contain("nothing was sent").And.Not.Contain(value), "a header value may be a secret");
        Assert.That(mock.GetMatchCount(anyRequest), Is.Zero);
    }
}
