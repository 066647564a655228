using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.ContractTests.Derivation;
using PgBeam.ContractTests.Recording;

namespace PgBeam.ContractTests;

/// <summary>
/// The suite would notice a wrong request: Prism rejects requests that break the contract, the recorder reads why
/// from <c>sl-violations</c>, and a test that did not expect it fails with those reasons.
/// </summary>
public sealed class PrismCatchesWrongRequestsTests : PrismContractTest
{
    [Test]
    public void An_enum_value_outside_the_contract_sent_through_the_extensible_enum_is_rejected_with_Prism_reason()
    {
        var profile = new PolicyProfileInput { Name = "analytics-readonly" };
        profile.AccessMode = new PolicyProfileAccessMode("read_mostly");

        var thrown = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Policies.CreatePolicyProfileAsync(SampleIds.Project, profile));

        var exchange = Log.Exchanges.Single();
        var report = ExchangeLog.Describe(Log.UnexpectedViolations());
        Log.AcceptViolations();
        Assert.Multiple(() =>
        {
            Assert.That((int)thrown!.StatusCode, Is.EqualTo(400).Or.EqualTo(422));
            Assert.That(exchange.OperationId, Is.EqualTo("createPolicyProfile"));
            Assert.That(exchange.Violations.Select(v => (string.Join('.', v.Location), v.Code)), Does.Contain(("request.body.access_mode", "enum")));
            Assert.That(report, Does.Contain("access_mode").And.Contain("read_only, read_write"), "the text a test that did not expect this would fail with");
        });
    }

    [Test]
    public async Task A_missing_required_query_parameter_is_rejected()
    {
        using var request = Authorized(HttpMethod.Get, "/v1/projects");

        using var response = await Http.SendAsync(request);

        var exchange = Log.Exchanges.Single();
        Log.AcceptViolations();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(exchange.OperationId, Is.EqualTo("listProjects"));
            Assert.That(exchange.Violations.Select(v => v.Code), Does.Contain("required"));
            Assert.That(exchange.Violations.Select(v => v.Message), Has.Some.Contains("org_id"));
        });
    }

    [Test]
    public async Task A_body_with_a_field_of_the_wrong_type_and_a_missing_required_field_is_rejected()
    {
        using var request = Authorized(HttpMethod.Post, "/v1/projects/" + SampleIds.Project + "/databases");
        request.Content = new StringContent("""{"host":"db.example.com","port":"5432","name":"app","username":"u"}""", Encoding.UTF8, "application/json");

        using var response = await Http.SendAsync(request);

        var violations = Log.Exchanges.Single().Violations;
        Log.AcceptViolations();
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(400).Or.EqualTo(422));
            Assert.That(violations.Select(v => (string.Join('.', v.Location), v.Code)), Does.Contain(("request.body.port", "type")));
            Assert.That(violations.Select(v => v.Message), Has.Some.Contains("password"));
        });
    }

    [Test]
    public async Task A_request_without_credentials_is_rejected_with_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(PrismSuite.Server.BaseUrl + "/v1/projects/" + SampleIds.Project));

        using var response = await Http.SendAsync(request);

        var exchange = Log.Exchanges.Single();
        Log.AcceptViolations();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(exchange.Violations, Is.Not.Empty);
        });
    }

    [Test]
    public void A_path_id_outside_the_contract_pattern_is_rejected()
    {
        // The SDK escapes ids into one segment; the contract still only allows [a-zA-Z0-9_.-]+, and Prism says so.
        var thrown = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Projects.GetProjectAsync("prj 1"));

        var exchange = Log.Exchanges.Single();
        Log.AcceptViolations();
        Assert.Multiple(() =>
        {
            Assert.That(thrown!.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity).Or.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(exchange.Violations.Select(v => v.Code), Does.Contain("pattern"));
        });
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(PrismSuite.Server.BaseUrl + path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return request;
    }
}
