using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Transport;

public class ErrorMappingTests
{
    private const string HtmlPage = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";

    [Test]
    public void An_HTML_502_from_a_load_balancer_is_an_API_error_with_the_status_text_not_a_parser_error()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent(HtmlPage, Encoding.UTF8, "text/html") });
        using var client = TestClients.Create(mock, options => options.Retry.MaxRetries = 0);

        var error = Assert.ThrowsAsync<PgBeamApiException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        Assert.That(error!.GetType(), Is.EqualTo(typeof(PgBeamApiException)));
        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(error.ServerMessage, Is.EqualTo("Bad Gateway"));
        Assert.That(error.ErrorCode, Is.Null);
        Assert.That(error.ResponseBody, Is.EqualTo(HtmlPage));
        Assert.That(error.Message, Is.EqualTo("PgBeam API error getPolicyProfile: 502 BadGateway: Bad Gateway"));
        Assert.That(error.InnerException, Is.Null);
    }

    [Test]
    public void An_empty_500_to_a_POST_without_an_idempotency_key_is_an_API_error_with_the_status_text_and_is_not_retried()
    {
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Post, PoliciesPath, () => new HttpResponseMessage(HttpStatusCode.InternalServerError));
        using var client = TestClients.Create(mock, options => options.AutomaticIdempotencyKeys = false);

        var error = Assert.ThrowsAsync<PgBeamApiException>(() => client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy()));

        Assert.That(sent, Has.Count.EqualTo(1));
        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(error.ServerMessage, Is.EqualTo("Internal Server Error"));
        Assert.That(error.ResponseBody, Is.Null);
    }

    [Test]
    public void A_truncated_JSON_200_is_a_serialization_error_that_says_where_and_does_not_echo_the_body()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => Json(HttpStatusCode.OK, """{"id":"pol_1","name":"analytics-re"""));
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<PgBeamSerializationException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        Assert.That(error!.Message, Does.StartWith("The response to getPolicyProfile is not valid JSON for its contract type: the JSON ends before it is complete (a truncated body), at line 1, position"));
        Assert.That(error.Message, Does.Not.Contain("analytics"));
        Assert.That(error.OperationId, Is.EqualTo("getPolicyProfile"));
        Assert.That(error.LineNumber, Is.EqualTo(1));
        Assert.That(error.LinePosition, Is.GreaterThan(0));
        Assert.That(error.JsonPath, Is.EqualTo("name"));
        Assert.That(error.InnerException, Is.Null, "Json.NET's exception would quote the body");
    }

    [TestCase(""""{"id":"pol_1","name":"x"""", "name")]
    [TestCase("""{"id":"pol_1","tags":[1,2""", "tags[1]")]
    [TestCase("""{"id":"pol_1",""", "id")]
    public void Every_kind_of_truncated_body_is_reported_as_truncated(string body, string path)
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => Json(HttpStatusCode.OK, body));
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<PgBeamSerializationException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        Assert.That(error!.Message, Does.Contain("truncated"));
        Assert.That(error.JsonPath, Is.EqualTo(path));
    }

    [TestCase("<html><body>Service temporarily unavailable</body></html>")]
    [TestCase("""{"id":"pol_1",,"name":"x"}""")]
    [TestCase("""{"id":"pol_1"} trailing""")]
    public void A_200_that_is_not_JSON_is_reported_as_malformed(string body)
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => Json(HttpStatusCode.OK, body));
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<PgBeamSerializationException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        Assert.That(error!.Message, Does.Contain("the JSON is malformed"));
        Assert.That(error.Message, Does.Not.Contain("Service temporarily").And.Not.Contain("trailing"));
    }

    [Test]
    public void A_value_of_the_wrong_type_is_reported_with_its_path_but_not_its_value()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => Json(HttpStatusCode.OK, """{"id":"pol_1","max_rows":"a great many"}"""));
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<PgBeamSerializationException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        Assert.That(error!.Message, Does.Contain("a value does not have the type the contract says").And.Contain("path 'max_rows'"));
        Assert.That(error.Message, Does.Not.Contain("great many"));
        Assert.That(error.JsonPath, Is.EqualTo("max_rows"));
    }

    [TestCase("")]
    [TestCase("  \n")]
    [TestCase("null")]
    public void An_empty_or_null_200_where_JSON_is_promised_is_a_serialization_error(string body)
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => Json(HttpStatusCode.OK, body));
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<PgBeamSerializationException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        Assert.That(error!.Message, Does.Contain("where the contract promises JSON"));
    }

    [TestCase("""{"type":"about:blank","title":"Bad Request","detail":"name is required","code":"VALIDATION_FAILED"}""", "name is required", "VALIDATION_FAILED")]
    [TestCase("""{"type":"https://pgbeam.com/errors/x","title":"Policy is invalid"}""", "Policy is invalid", null)]
    [TestCase("""{"error":{"code":"NOT_FOUND","message":"Policy not found"}}""", "Policy not found", "NOT_FOUND")]
    [TestCase("""{"error":{"code":"ONLY_A_CODE"}}""", "Bad Request", "ONLY_A_CODE")]
    [TestCase("""{"message":"plain message","code":"PLAIN"}""", "plain message", "PLAIN")]
    [TestCase("""{"error":"a string error"}""", "a string error", null)]
    [TestCase("""[{"detail":"arrays are not error documents"}]""", "Bad Request", null)]
    [TestCase("""{"detail":""", "Bad Request", null)]
    [TestCase("plain text", "Bad Request", null)]
    public void The_message_comes_from_the_problem_document_then_the_error_envelope_then_message_then_the_status_text(string body, string message, string? code)
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => Json(HttpStatusCode.BadRequest, body));
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<PgBeamValidationException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        Assert.That(error!.ServerMessage, Is.EqualTo(message));
        Assert.That(error.ErrorCode, Is.EqualTo(code));
        Assert.That(error.ResponseBody, Is.EqualTo(body));
    }

    [Test]
    public void An_API_error_carries_request_id_headers_body_and_operation()
    {
        const string body = """{"error":{"code":"NOT_FOUND","message":"Policy not found"}}""";
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () =>
        {
            var response = Json(HttpStatusCode.NotFound, body);
            response.Headers.Add("X-Request-Id", "req_abc");
            response.Headers.Add("X-RateLimit-Remaining", "7");
            return response;
        });
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<PgBeamNotFoundException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        Assert.That(error!.RequestId, Is.EqualTo("req_abc"));
        Assert.That(error.Headers["x-ratelimit-remaining"].Single(), Is.EqualTo("7"));
        Assert.That(error.Headers["Content-Type"].Single(), Does.StartWith("application/json"));
        Assert.That(error.ResponseBody, Is.EqualTo(body));
        Assert.That(error.OperationId, Is.EqualTo("getPolicyProfile"));
        Assert.That(error.IsNotFound, Is.True);
        Assert.That(error.IsConflict || error.IsRateLimited || error.IsUnauthorized || error.IsValidation, Is.False);
        Assert.That(error.Message, Is.EqualTo("PgBeam API error getPolicyProfile: 404 NotFound [NOT_FOUND]: Policy not found (request id req_abc)"));
    }

    [Test]
    public void A_429_left_after_retries_is_a_rate_limit_error_with_RetryAfter()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () =>
        {
            var response = Json(HttpStatusCode.TooManyRequests, """{"detail":"Rate limit exceeded"}""");
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30));
            return response;
        });
        using var client = TestClients.Create(mock, options => options.Retry.MaxRetries = 0);

        var error = Assert.ThrowsAsync<PgBeamRateLimitException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        Assert.That(error!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(error.IsRateLimited, Is.True);
        Assert.That(error.ServerMessage, Is.EqualTo("Rate limit exceeded"));
    }

    [Test]
    public void A_Retry_After_longer_than_the_budget_ends_the_loop_at_once_with_the_rate_limit_error()
    {
        var time = new TimerWatchingTimeProvider();
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () =>
        {
            var response = Json(HttpStatusCode.TooManyRequests, "{}");
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(10));
            return response;
        });
        using var client = TestClients.Create(mock, time: time);

        var error = Assert.ThrowsAsync<PgBeamRateLimitException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        Assert.That(sent, Has.Count.EqualTo(1));
        Assert.That(error!.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(10)));
        Assert.That(time.GetUtcNow(), Is.EqualTo(time.Start));
    }

    [Test]
    public void A_status_without_a_subtype_is_a_plain_API_error()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => Json((HttpStatusCode)418, """{"detail":"I'm a teapot"}"""));
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<PgBeamApiException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        Assert.That(error!.GetType(), Is.EqualTo(typeof(PgBeamApiException)));
        Assert.That((int)error.StatusCode, Is.EqualTo(418));
        Assert.That(error, Is.InstanceOf<PgBeamException>());
    }
}
