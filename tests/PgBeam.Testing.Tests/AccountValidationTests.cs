using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>
/// Account requests that break the contract's schemas, which Prism would refuse before they reach the sandbox, so
/// these run in process only, with raw HTTP: each is a 400 naming the field, and nothing changes.
/// </summary>
public class AccountValidationTests
{
    private PgBeamSandbox _sandbox = null!;
    private HttpClient _http = null!;
    private PgBeamClient _client = null!;

    private string Org => _sandbox.OrganizationId;

    [SetUp]
    public void CreateSandbox()
    {
        _sandbox = new PgBeamSandbox();
        _http = RawSandboxHttp.Create(_sandbox);
        _client = _sandbox.CreateClient();
    }

    [TearDown]
    public void DisposeClient()
    {
        _client.Dispose();
        _http.Dispose();
        _sandbox.Dispose();
    }

    [Test]
    public async Task Owner_can_be_neither_offered_nor_granted()
    {
        var invitation = await _client.Account.CreateOrgInvitationAsync(Org, new CreateOrgInvitationRequest { Email = "ops@example.com" });
        var member = _sandbox.AcceptInvitation(invitation.Id);

        await ExpectFieldErrorAsync(HttpMethod.Post, $"v1/organizations/{Org}/invitations", """{"email":"boss@example.com","role":"owner"}""", "role");
        await ExpectFieldErrorAsync(HttpMethod.Patch, $"v1/organizations/{Org}/members/{member.Id}", """{"role":"owner"}""", "role");

        Assert.That((await _client.Account.ListOrgInvitationsAsync(Org)).Invitations, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Onboarding_needs_a_known_step_or_dismiss()
    {
        await ExpectFieldErrorAsync(HttpMethod.Patch, $"v1/organizations/{Org}/onboarding", """{"step":"org_created"}""", "step");
        var (status, _) = await SendAsync(HttpMethod.Patch, $"v1/organizations/{Org}/onboarding", "{}");

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await _client.Account.GetOnboardingProgressAsync(Org)).StepsCompleted, Is.Zero);
    }

    [Test]
    public async Task A_spend_limit_that_is_not_a_number_is_refused()
    {
        await ExpectFieldErrorAsync(HttpMethod.Put, $"v1/organizations/{Org}/spend-limit", """{"spend_limit":"lots"}""", "spend_limit");
    }

    private async Task ExpectFieldErrorAsync(HttpMethod method, string path, string json, string field)
    {
        var (status, problem) = await SendAsync(method, path, json);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), path);
        Assert.That(problem["code"]?.ToString(), Is.EqualTo("INVALID_INPUT"));
        Assert.That(problem["errors"]?[0]?["field"]?.ToString(), Is.EqualTo(field));
    }

    private async Task<(HttpStatusCode Status, JObject Problem)> SendAsync(HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? [] : JObject.Parse(text));
    }
}
