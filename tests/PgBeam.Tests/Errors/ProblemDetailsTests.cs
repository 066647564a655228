using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Errors;

public class ProblemDetailsTests
{
    private static HttpResponseMessage Problem(HttpStatusCode status, string json, string? requestIdHeader = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/problem+json") };
        if (requestIdHeader is not null)
        {
            response.Headers.TryAddWithoutValidation("X-Request-Id", requestIdHeader);
        }

        return response;
    }

    [Test]
    public void A_validation_problem_exposes_type_title_detail_instance_code_request_id_and_field_errors()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Post, PoliciesPath, () => Problem(HttpStatusCode.BadRequest, """
            {"type":"https://pgbeam.com/docs/api/errors/invalid-input","title":"Invalid input","status":400,
             "detail":"2 fields are invalid","instance":"/v1/projects/prj_1/policies","code":"INVALID_INPUT","request_id":"req_body",
             "errors":[{"field":"name","detail":"name is required"},{"field":"max_rows","detail":"must be positive","code":"min"}]}
            """, requestIdHeader: "req_header"));
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<PgBeamValidationException>(() => client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy()));

        Assert.That(error!.Type, Is.EqualTo("https://pgbeam.com/docs/api/errors/invalid-input"));
        Assert.That(error.Title, Is.EqualTo("Invalid input"));
        Assert.That(error.Detail, Is.EqualTo("2 fields are invalid"));
        Assert.That(error.Instance, Is.EqualTo("/v1/projects/prj_1/policies"));
        Assert.That(error.Code, Is.EqualTo(ErrorCode.InvalidInput));
        Assert.That(error.RequestId, Is.EqualTo("req_body"), "the body's request_id wins over the header");
        Assert.That(error.Errors.Select(e => (e.Field, e.Code, e.Message)), Is.EqualTo(new[] { ("name", (string?)null, "name is required"), ("max_rows", "min", "must be positive") }));
        Assert.That(error.Message, Does.Contain("Fields: name: name is required; max_rows: must be positive."));
    }

    [Test]
    public void The_request_id_comes_from_the_header_when_the_body_has_none_and_an_unknown_code_is_kept()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => Problem(HttpStatusCode.NotFound,
            """{"type":"about:blank","title":"Not found","status":404,"code":"SOMETHING_NEW"}""", requestIdHeader: "req_header"));
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<PgBeamNotFoundException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        Assert.That(error!.RequestId, Is.EqualTo("req_header"));
        Assert.That(error.Code, Is.EqualTo(new ErrorCode("SOMETHING_NEW")));
        Assert.That(error.Code!.Value.IsKnown, Is.False);
        Assert.That(error.Errors, Is.Empty);
    }

    [Test]
    public void A_403_with_PLAN_LIMIT_REACHED_is_a_plan_limit_error_and_a_403_with_FORBIDDEN_is_not()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Post, PoliciesPath,
            () => Problem(HttpStatusCode.Forbidden, """{"type":"https://pgbeam.com/docs/api/errors/plan-limit-reached","title":"Plan limit reached","status":403,"code":"PLAN_LIMIT_REACHED"}"""),
            () => Problem(HttpStatusCode.Forbidden, """{"type":"https://pgbeam.com/docs/api/errors/forbidden","title":"Forbidden","status":403,"code":"FORBIDDEN"}"""));
        using var client = TestClients.Create(mock);

        var limit = Assert.ThrowsAsync<PgBeamPlanLimitReachedException>(() => client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy()));
        var role = Assert.ThrowsAsync<PgBeamForbiddenException>(() => client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy()));

        Assert.That(limit!.IsPlanLimitReached, Is.True);
        Assert.That(role, Is.Not.InstanceOf<PgBeamPlanLimitReachedException>());
        Assert.That(role!.IsPlanLimitReached, Is.False);
        Assert.That(role.Code, Is.EqualTo(ErrorCode.Forbidden));
    }

    [TestCase("RESOURCE_EXISTS", true, false, false)]
    [TestCase("INVALID_STATE", false, true, false)]
    [TestCase("IDEMPOTENCY_KEY_REUSED", false, false, true)]
    public void Each_409_code_has_its_predicate(string code, bool exists, bool invalidState, bool keyReused)
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Post, PoliciesPath, () => Problem(HttpStatusCode.Conflict, $$"""{"type":"about:blank","title":"Conflict","status":409,"code":"{{code}}"}"""));
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync(Is.InstanceOf<PgBeamConflictException>(), () => client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy())) as PgBeamConflictException;

        Assert.That((error!.IsResourceExists, error.IsInvalidState, error.IsIdempotencyKeyReused), Is.EqualTo((exists, invalidState, keyReused)));
        Assert.That(error is PgBeamIdempotencyKeyReusedException, Is.EqualTo(keyReused));
    }

    [Test]
    public void A_412_is_a_precondition_failed_error_carrying_the_current_ETag()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Put, PolicyPath, () =>
        {
            var response = Problem(HttpStatusCode.PreconditionFailed, """{"type":"about:blank","title":"Precondition failed","status":412,"code":"PRECONDITION_FAILED"}""");
            response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"v2\"");
            return response;
        });
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<PgBeamPreconditionFailedException>(() => client.Policies.UpdatePolicyProfileAsync("prj_1", "pol_1", NewPolicy(), ifMatch: "\"v1\""));

        Assert.That(error!.IsPreconditionFailed, Is.True);
        Assert.That(error.Code, Is.EqualTo(ErrorCode.PreconditionFailed));
        Assert.That(error.CurrentETag, Is.EqualTo("\"v2\""));
        Assert.That(error.Attempts, Is.EqualTo(1));
    }

    [Test]
    public void A_402_carries_the_payment_challenge_and_the_payment_problem_and_is_not_retried()
    {
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Post, PoliciesPath, () =>
        {
            var response = Problem(HttpStatusCode.PaymentRequired,
                """{"type":"https://paymentauth.org/problems/payment-required","title":"Payment Required","status":402,"detail":"top up needed","challengeId":"ch_1"}""");
            response.Headers.TryAddWithoutValidation("WWW-Authenticate", "Payment id=\"ch_1\", realm=\"api.pgbeam.com\", method=\"tempo\", intent=\"charge\", request=\"eyJhIjoxfQ\"");
            return response;
        });
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<PgBeamPaymentRequiredException>(() => client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy()));

        Assert.That(sent, Has.Count.EqualTo(1));
        Assert.That(error!.IsPaymentRequired, Is.True);
        Assert.That(error.Challenge, Does.StartWith("Payment id=\"ch_1\""));
        Assert.That(error.ChallengeParameters["id"], Is.EqualTo("ch_1"));
        Assert.That(error.ChallengeParameters["method"], Is.EqualTo("tempo"));
        Assert.That(error.ChallengeParameters["request"], Is.EqualTo("eyJhIjoxfQ"));
        Assert.That(error.PaymentProblem!.Detail, Is.EqualTo("top up needed"));
        Assert.That(error.PaymentProblem.ChallengeId, Is.EqualTo("ch_1"));
        Assert.That(error.Message, Does.Not.Contain("eyJhIjoxfQ"));
    }

    [TestCase(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE")]
    [TestCase(HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE")]
    public void A_413_or_415_is_never_retried_and_the_message_names_the_2_MB_limit(HttpStatusCode status, string code)
    {
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () =>
        {
            var response = Problem(status, $$"""{"type":"about:blank","title":"Refused","status":{{(int)status}},"code":"{{code}}"}""");
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero);
            return response;
        });
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync(Is.InstanceOf<PgBeamApiException>(), () => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1")) as PgBeamApiException;

        Assert.That(sent, Has.Count.EqualTo(1));
        Assert.That(error!.Message, Does.Contain("2 MB"));
        Assert.That(error is PgBeamPayloadTooLargeException, Is.EqualTo(status == HttpStatusCode.RequestEntityTooLarge));
    }

    [Test]
    public void A_503_with_Retry_After_is_retried()
    {
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Post, PoliciesPath, () => RetryNow(HttpStatusCode.ServiceUnavailable), () => Json(HttpStatusCode.Created, PolicyJson));
        using var client = TestClients.Create(mock, options => options.AutomaticIdempotencyKeys = false);

        Assert.DoesNotThrowAsync(() => client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy()));
        Assert.That(sent, Has.Count.EqualTo(2));
    }

    [Test]
    public void A_500_is_retried_for_a_GET_and_for_a_POST_with_an_idempotency_key()
    {
        using var mock = new MockHttpMessageHandler();
        var gets = ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => RetryNow(HttpStatusCode.InternalServerError), () => Json(HttpStatusCode.OK, PolicyJson));
        var posts = ExpectInOrder(mock, HttpMethod.Post, PoliciesPath, () => RetryNow(HttpStatusCode.InternalServerError), () => Json(HttpStatusCode.Created, PolicyJson));
        using var client = TestClients.Create(mock);

        Assert.DoesNotThrowAsync(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));
        Assert.DoesNotThrowAsync(() => client.Policies.CreatePolicyProfileAsync("prj_1", NewPolicy()));
        Assert.That((gets.Count, posts.Count), Is.EqualTo((2, 2)));
        Assert.That(posts[1].IdempotencyKey, Is.EqualTo(posts[0].IdempotencyKey).And.Not.Null);
    }

    [Test]
    public void An_error_body_that_is_not_a_problem_document_can_be_read_typed()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => Json(HttpStatusCode.Conflict, PolicyJson));
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<PgBeamConflictException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        Assert.That(error!.Type, Is.Null);
        Assert.That(error.TryGetBody<PolicyProfile>(out var body), Is.True);
        Assert.That(body!.Id, Is.EqualTo("pol_1"));
    }
}
