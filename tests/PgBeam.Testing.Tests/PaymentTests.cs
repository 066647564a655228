using System.Linq;
using System.Net;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>A priced operation (one the contract gives a 402 and a Payment-Authorization header) as the sandbox answers it.</summary>
[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class PaymentTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public void Without_a_payment_the_call_gets_402_with_a_Payment_challenge_and_a_payment_problem()
    {
        var error = Assert.ThrowsAsync<PgBeamPaymentRequiredException>(() => Client.Payments.CreateBudgetTopupAsync(new BudgetTopupInput { Packs = 2 }));

        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.PaymentRequired));
        Assert.That(error.Challenge, Does.StartWith("Payment "));
        Assert.That(error.ChallengeParameters["realm"], Is.EqualTo("sandbox.pgbeam.invalid"));
        Assert.That(error.ChallengeParameters["id"], Does.StartWith("ch_"));
        Assert.That(error.PaymentProblem!.ChallengeId, Is.EqualTo(error.ChallengeParameters["id"]), "the body names the challenge of the header");
        Assert.That(error.PaymentProblem.Status, Is.EqualTo(402));
        Assert.That(error.Headers["Cache-Control"].Single(), Is.EqualTo("no-store"));
        Assert.That(Sandbox.Requests.Count(r => r.OperationId == "createBudgetTopup"), Is.EqualTo(1), "a 402 is not retried");
    }

    [Test]
    public async Task With_a_payment_the_credential_that_authenticates_gets_the_queries()
    {
        var (credentialId, agent) = await AgentClientAsync();
        using var _ = agent;

        var response = await agent.Payments.CreateBudgetTopupWithResponseAsync(new BudgetTopupInput { Packs = 2 }, paymentAuthorization: "Payment sandbox-credential");
        var topup = response.Value;

        Assert.That(topup.CredentialId, Is.EqualTo(credentialId));
        Assert.That(topup.GrantId, Does.StartWith("bgt_"));
        Assert.That(topup.Queries, Is.EqualTo(2000));
        Assert.That(topup.Amount, Is.EqualTo(400));
        Assert.That(topup.Currency, Is.EqualTo("usd"));
        Assert.That(topup.ExpiresAt, Is.EqualTo(Start.AddDays(30)));
        Assert.That(response.Headers["Payment-Receipt"].Single(), Is.EqualTo(topup.Receipt));
        Assert.That(Sandbox.BudgetTopups.Single().GrantId, Is.EqualTo(topup.GrantId));
    }

    [Test]
    public async Task A_402_is_not_replayed_to_the_paid_retry_with_the_same_idempotency_key()
    {
        var (_, agent) = await AgentClientAsync();
        using var _ = agent;
        var options = new RequestOptions { IdempotencyKey = "topup-1" };

        Assert.ThrowsAsync<PgBeamPaymentRequiredException>(() => agent.Payments.CreateBudgetTopupAsync(new BudgetTopupInput { Packs = 1 }, requestOptions: options));
        var paid = await agent.Payments.CreateBudgetTopupAsync(new BudgetTopupInput { Packs = 1 }, paymentAuthorization: "Payment sandbox-credential", requestOptions: options);
        var replayed = await agent.Payments.CreateBudgetTopupAsync(new BudgetTopupInput { Packs = 1 }, paymentAuthorization: "Payment sandbox-credential", requestOptions: options);

        Assert.That(replayed.GrantId, Is.EqualTo(paid.GrantId), "the paid answer is the one kept");
        Assert.That(Sandbox.BudgetTopups, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Paying_with_an_api_key_or_a_revoked_credential_grants_nothing()
    {
        var (credentialId, agent) = await AgentClientAsync();
        using var _ = agent;
        var projectId = Sandbox.IssuedSecrets.Single().Credential.ProjectId;

        Assert.ThrowsAsync<PgBeamForbiddenException>(() => Client.Payments.CreateBudgetTopupAsync(new BudgetTopupInput { Packs = 1 }, paymentAuthorization: "Payment sandbox-credential"));
        await Client.Agents.RevokeAgentCredentialAsync(projectId, credentialId);
        Assert.ThrowsAsync<PgBeamUnauthorizedException>(() => agent.Payments.CreateBudgetTopupAsync(new BudgetTopupInput { Packs = 1 }, paymentAuthorization: "Payment sandbox-credential"));
        Assert.That(Sandbox.BudgetTopups, Is.Empty);
    }

    [Test]
    public async Task A_pack_count_outside_the_catalogue_bounds_is_refused_naming_packs()
    {
        var (_, agent) = await AgentClientAsync();
        using var _ = agent;

        var error = Assert.ThrowsAsync<PgBeamValidationException>(() => agent.Payments.CreateBudgetTopupAsync(new BudgetTopupInput { Packs = 26 }, paymentAuthorization: "Payment sandbox-credential"));

        Assert.That(error!.Errors.Single().Field, Is.EqualTo("packs"));
        Assert.That(Sandbox.BudgetTopups, Is.Empty);
    }

    [Test]
    public async Task The_catalogue_lists_the_priced_operations_of_the_contract_without_a_key()
    {
        using var anonymous = CreateRawHttpClient();
        anonymous.DefaultRequestHeaders.Authorization = null;

        using var response = await anonymous.GetAsync("v1/payments/resources");
        var catalogue = Newtonsoft.Json.JsonConvert.DeserializeObject<ListPaymentResourcesResponse>(await response.Content.ReadAsStringAsync(), SdkJson.Settings)!;

        var topup = catalogue.Resources.Single();
        Assert.That(topup.Id, Is.EqualTo("query_budget_topup"));
        Assert.That(topup.OperationId, Is.EqualTo("createBudgetTopup"));
        Assert.That((topup.Unit, topup.UnitsPerPack, topup.AmountPerPack, topup.Currency, topup.MinPacks, topup.MaxPacks), Is.EqualTo(("queries", 1000L, 200L, "usd", 1L, 25L)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Sandbox.Requests.Single().Header("Authorization"), Is.Null);
    }

    /// <summary>A client whose bearer token is a new agent credential's hosted MCP token, as an agent buying queries is.</summary>
    private async Task<(string CredentialId, PgBeamClient Agent)> AgentClientAsync()
    {
        var project = await CreateProjectAsync();
        var secrets = await CreateCredentialAsync(project.Id, (await CreatePolicyAsync(project.Id)).Id);
        return (secrets.Credential.Id, CreateClient(o => o.ApiKey = secrets.McpToken));
    }
}
