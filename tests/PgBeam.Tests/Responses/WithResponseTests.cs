using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Http;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Responses;

/// <summary>The …WithResponseAsync variants and the response plumbing under them, through the whole pipeline.</summary>
public class WithResponseTests
{
    private const string ProjectPath = "/v1/projects/prj_1";

    private static HttpResponseMessage ProjectResponse(HttpStatusCode status = HttpStatusCode.OK)
    {
        var response = Json(status, ContractSamples.CompleteSchema("Project", """{"id":"prj_1","name":"production"}"""));
        response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"v7\"");
        response.Headers.TryAddWithoutValidation("X-Request-Id", "req_42");
        return response;
    }

    [Test]
    public async Task A_read_returns_the_body_with_status_request_id_etag_and_attempts()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, ProjectPath, () => RetryNow(HttpStatusCode.ServiceUnavailable), () => ProjectResponse());
        using var client = TestClients.Create(mock, time: new TimerWatchingTimeProvider());

        var response = await client.Projects.GetProjectWithResponseAsync("prj_1");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.HasValue, Is.True);
            Assert.That(response.Value.Name, Is.EqualTo("production"));
            Assert.That(response.ETag, Is.EqualTo("\"v7\""));
            Assert.That(response.RequestId, Is.EqualTo("req_42"));
            Assert.That(response.GetHeader("x-request-id"), Is.EqualTo("req_42"), "header names compare case-insensitively");
            Assert.That(response.Attempts, Is.EqualTo(2));
            Assert.That(response.IsNotModified, Is.False);
            Assert.That(response.IdempotentReplayed, Is.False);
        });
    }

    [Test]
    public async Task A_replayed_idempotent_answer_is_visible()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Post, PoliciesPath, () =>
        {
            var response = Json(HttpStatusCode.Created, PolicyJson);
            response.Headers.TryAddWithoutValidation("Idempotent-Replayed", "true");
            return response;
        });
        using var client = TestClients.Create(mock);

        var response = await client.Policies.CreatePolicyProfileWithResponseAsync("prj_1", NewPolicy(), new RequestOptions { IdempotencyKey = "job-42" });

        Assert.That((response.IdempotentReplayed, response.StatusCode, response.Value.Id), Is.EqualTo((true, HttpStatusCode.Created, "pol_1")));
    }

    [Test]
    public async Task A_304_is_a_response_without_a_value_whose_Value_explains_itself()
    {
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Get, ProjectPath, () => new HttpResponseMessage(HttpStatusCode.NotModified));
        using var client = TestClients.Create(mock);
        var options = new RequestOptions();
        options.Headers["If-None-Match"] = "\"v7\"";

        var response = await client.Projects.GetProjectWithResponseAsync("prj_1", requestOptions: options);

        Assert.Multiple(() =>
        {
            Assert.That(response.IsNotModified, Is.True);
            Assert.That(response.HasValue, Is.False);
            Assert.That(response.TryGetValue(out _), Is.False);
            var error = Assert.Throws<InvalidOperationException>(() => _ = response.Value);
            Assert.That(error!.Message, Does.Contain("304 Not Modified").And.Contain("IsNotModified"));
            Assert.That(sent, Has.Count.EqualTo(1), "a 304 is not retried");
        });
    }

    [Test]
    public void The_plain_variant_still_reports_a_304_as_an_error_since_it_has_no_body_to_return()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, ProjectPath, () => new HttpResponseMessage(HttpStatusCode.NotModified));
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<PgBeamApiException>(() => client.Projects.GetProjectAsync("prj_1"));

        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test]
    public async Task An_operation_without_a_body_returns_status_and_headers()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Delete, ProjectPath, () =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.NoContent);
            response.Headers.TryAddWithoutValidation("X-Request-Id", "req_del");
            return response;
        });
        using var client = TestClients.Create(mock);

        PgBeamResponse response = await client.Projects.DeleteProjectWithResponseAsync("prj_1");

        Assert.That((response.StatusCode, response.RequestId, response.Attempts), Is.EqualTo((HttpStatusCode.NoContent, "req_del", 1)));
    }

    [Test]
    public void An_error_status_is_still_an_exception_on_the_response_variant()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, ProjectPath, () => Json(HttpStatusCode.NotFound, """{"error":{"code":"NOT_FOUND","message":"no such project"}}"""));
        using var client = TestClients.Create(mock);

        Assert.ThrowsAsync<PgBeamNotFoundException>(() => client.Projects.GetProjectWithResponseAsync("prj_1"));
    }

    [Test]
    public void A_required_field_the_server_left_out_is_a_serialization_error_naming_it()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, ProjectPath, () => Json(HttpStatusCode.OK, """{"id":"prj_1","org_id":"org_1","status":"active","created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}"""));
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<PgBeamSerializationException>(() => client.Projects.GetProjectAsync("prj_1"));

        Assert.That(error!.Message, Does.Contain("getProject").And.Contain("required field 'name'"));
    }

    [Test]
    public async Task Header_parameters_are_sent_and_win_over_the_same_header_in_RequestOptions()
    {
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, HttpMethod.Get, ProjectPath, () => ProjectResponse());
        using var client = TestClients.Create(mock);
        var request = new ApiRequest("GET", "getProject", "v1/projects/{project_id}");
        request.AddPathParameter("project_id", "prj_1", "projectId");
        request.AddHeader("If-None-Match", "\"v7\"", "ifNoneMatch");
        request.AddHeader("If-Match", null, "ifMatch");
        var options = new RequestOptions();
        options.Headers["If-None-Match"] = "\"stale\"";

        await client.Caller.SendWithResponseAsync<Project>(request, options, default);

        Assert.That(sent.Single().Header("If-None-Match"), Is.EqualTo("\"v7\""));
        Assert.That(sent.Single().Header("If-Match"), Is.Null, "a null header parameter sends nothing");
    }

    [Test]
    public void A_header_parameter_with_a_line_break_is_refused_without_repeating_its_value()
    {
        var request = new ApiRequest("PUT", "updatePolicyProfile", "v1/projects/{project_id}/policies/{policy_id}");

        var error = Assert.Throws<ArgumentException>(() => request.AddHeader("If-Match", "\"v1\"\r\nX-Evil: secret-value", "ifMatch"));

        Assert.That(error!.ParamName, Is.EqualTo("ifMatch"));
        Assert.That(error.Message, Does.Not.Contain("secret-value"));
    }

    [TestCase("Declared", "PUT", true)]
    [TestCase("Declared", "DELETE", true)]
    [TestCase("MethodDefault", "POST", true)]
    [TestCase("MethodDefault", "PATCH", true)]
    [TestCase("MethodDefault", "PUT", false)]
    [TestCase("MethodDefault", "GET", false)]
    [TestCase("Refused", "POST", false)]
    public async Task An_automatic_key_follows_what_the_contract_declares_then_the_method(string declared, string method, bool expectsKey)
    {
        var use = Enum.Parse<IdempotencyKeyUse>(declared);
        using var mock = new MockHttpMessageHandler();
        var sent = ExpectInOrder(mock, new HttpMethod(method), ProjectPath, () => new HttpResponseMessage(HttpStatusCode.NoContent));
        using var client = TestClients.Create(mock);
        var request = new ApiRequest(method, "someOperation", "v1/projects/{project_id}") { IdempotencyKeyUse = use };
        request.AddPathParameter("project_id", "prj_1", "projectId");

        await client.Caller.SendWithResponseAsync(request, null, default);

        Assert.That(sent.Single().IdempotencyKey is not null, Is.EqualTo(expectsKey));
    }

    [Test]
    public void Every_operation_has_a_response_variant_with_the_same_parameters_and_a_PgBeamResponse_result()
    {
        var services = typeof(PgBeamClient).Assembly.GetExportedTypes()
            .Where(t => t.IsInterface && t.Namespace == "PgBeam" && t.Name.EndsWith("Client", StringComparison.Ordinal));
        var checkedCount = 0;
        foreach (var service in services)
        {
            foreach (var method in service.GetMethods().Where(m => m.Name.EndsWith("WithResponseAsync", StringComparison.Ordinal)))
            {
                var plain = service.GetMethod(method.Name.Replace("WithResponseAsync", "Async", StringComparison.Ordinal));
                Assert.That(plain, Is.Not.Null, method.Name);
                Assert.That(
                    method.GetParameters().Select(p => p.Name).Except(["ifNoneMatch"]),
                    Is.EqualTo(plain!.GetParameters().Select(p => p.Name)),
                    $"{method.Name} takes the arguments of {plain.Name} (plus ifNoneMatch where the contract declares it)");
                var result = method.ReturnType.GetGenericArguments().Single();
                Assert.That(typeof(PgBeamResponse).IsAssignableFrom(result), Is.True, method.Name);
                checkedCount++;
            }
        }

        Assert.That(checkedCount, Is.GreaterThanOrEqualTo(75));
    }
}
