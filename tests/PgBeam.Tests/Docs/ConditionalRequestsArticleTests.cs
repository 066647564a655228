using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Docs;

/// <summary>What docs/articles/conditional-requests.md says the SDK does with ETag, If-Match and If-None-Match.</summary>
public class ConditionalRequestsArticleTests
{
    private const string ProfilePath = "/v1/projects/prj_1/policies/pol_1";
    // The article's fields on top of the smallest profile the contract allows (it requires more fields than the article shows).
    private static readonly string ProfileJson = ContractSamples.CompleteSchema("PolicyProfile", """{"id":"pol_1","project_id":"prj_1","name":"readonly","access_mode":"read_only","max_rows":1000}""");

    [Test]
    public async Task WithResponse_reads_the_ETag_and_ifMatch_sends_it_on_every_attempt()
    {
        using var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, TestClients.Url(ProfilePath)).Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(ProfileJson, System.Text.Encoding.UTF8, "application/json") };
            response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"v7\"");
            return response;
        });
        var ifMatch = new System.Collections.Generic.List<string?>();
        handler.Expect(HttpMethod.Put, TestClients.Url(ProfilePath)).Respond(request =>
        {
            ifMatch.Add(request.Headers.TryGetValues("If-Match", out var values) ? values.Single() : null);
            var busy = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            busy.Headers.Add("Retry-After", "0");
            return busy;
        });
        handler.Expect(HttpMethod.Put, TestClients.Url(ProfilePath)).Respond(request =>
        {
            ifMatch.Add(request.Headers.TryGetValues("If-Match", out var values) ? values.Single() : null);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(ProfileJson, System.Text.Encoding.UTF8, "application/json") };
        });
        using var client = TestClients.Create(handler);

        var read = await client.Policies.GetPolicyProfileWithResponseAsync("prj_1", "pol_1");
        await client.Policies.UpdatePolicyProfileAsync("prj_1", "pol_1", read.Value.ToInput(), ifMatch: read.ETag);

        Assert.That(read.ETag, Is.EqualTo("\"v7\""));
        Assert.That(ifMatch, Is.EqualTo(new[] { "\"v7\"", "\"v7\"" }));
        handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task Without_ifMatch_no_If_Match_header_is_sent()
    {
        using var handler = new MockHttpMessageHandler();
        string? ifMatch = "unset";
        handler.Expect(HttpMethod.Put, TestClients.Url(ProfilePath)).Respond(request =>
        {
            ifMatch = request.Headers.TryGetValues("If-Match", out var values) ? values.Single() : null;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(ProfileJson, System.Text.Encoding.UTF8, "application/json") };
        });
        using var client = TestClients.Create(handler);

        await client.Policies.UpdatePolicyProfileAsync("prj_1", "pol_1", new PolicyProfileInput { Name = "readonly" });

        Assert.That(ifMatch, Is.Null);
    }

    [Test]
    public void A_412_is_a_PgBeamPreconditionFailedException_with_status_412_and_is_not_retried()
    {
        using var handler = new MockHttpMessageHandler();
        var calls = 0;
        handler.When(HttpMethod.Put, TestClients.Url(ProfilePath)).Respond(_ =>
        {
            calls++;
            return new HttpResponseMessage(HttpStatusCode.PreconditionFailed)
            {
                Content = new StringContent("""{"type":"about:blank","title":"Precondition Failed","status":412,"detail":"The profile changed.","code":"PRECONDITION_FAILED"}""", System.Text.Encoding.UTF8, "application/problem+json"),
            };
        });
        using var client = TestClients.Create(handler);

        var error = Assert.ThrowsAsync<PgBeamPreconditionFailedException>(() => client.Policies.UpdatePolicyProfileAsync("prj_1", "pol_1", new PolicyProfileInput { Name = "readonly" }, ifMatch: "\"v6\""));

        Assert.That(error, Is.InstanceOf<PgBeamApiException>());
        Assert.That(error!.Code, Is.EqualTo(ErrorCode.PreconditionFailed));
        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
        Assert.That(calls, Is.EqualTo(1));
    }

    [Test]
    public async Task A_304_to_ifNoneMatch_on_WithResponse_is_a_result_without_a_value()
    {
        using var handler = new MockHttpMessageHandler();
        handler.Expect(HttpMethod.Get, TestClients.Url(ProfilePath)).WithHeaders("If-None-Match", "\"v7\"").Respond(HttpStatusCode.NotModified);
        using var client = TestClients.Create(handler);

        var response = await client.Policies.GetPolicyProfileWithResponseAsync("prj_1", "pol_1", ifNoneMatch: "\"v7\"");

        Assert.That(response.IsNotModified, Is.True);
        Assert.That(response.HasValue, Is.False);
        Assert.That(() => response.Value, Throws.InvalidOperationException);
        handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void A_304_to_If_None_Match_sent_through_RequestOptions_on_the_plain_method_is_a_PgBeamApiException_with_status_304()
    {
        using var handler = new MockHttpMessageHandler();
        handler.When(HttpMethod.Get, TestClients.Url(ProfilePath)).WithHeaders("If-None-Match", "\"v7\"").Respond(HttpStatusCode.NotModified);
        using var client = TestClients.Create(handler);
        var read = new RequestOptions();
        read.Headers["If-None-Match"] = "\"v7\"";

        var error = Assert.ThrowsAsync<PgBeamApiException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1", read));

        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }
}
