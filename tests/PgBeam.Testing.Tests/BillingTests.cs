using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>Plans, the organization's plan and spend limit, cancellation feedback and the Vercel installation.</summary>
[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class BillingTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public async Task The_organization_is_on_the_starter_plan_of_the_list()
    {
        var plans = await Client.Analytics.ListPlansAsync();
        var plan = await Client.Analytics.GetOrganizationPlanAsync(Sandbox.OrganizationId);

        Assert.That(plans.Plans.Select(p => p.Name), Is.EqualTo(new[] { "starter", "pro", "scale" }));
        Assert.That(plan.OrgId, Is.EqualTo(Sandbox.OrganizationId));
        Assert.That(plan.Plan, Is.EqualTo(PlanTier.Starter));
        Assert.That(plan.Limits.MaxProjects, Is.EqualTo(plans.Plans[0].Limits.MaxProjects));
        Assert.That(plan.SpendLimit, Is.Null);
        Assert.That(plan.BillingProvider, Is.EqualTo(BillingProvider.Stripe));
        Assert.That(plan.CurrentPeriodEnd, Is.EqualTo(new System.DateTimeOffset(2026, 4, 1, 0, 0, 0, System.TimeSpan.Zero)));
    }

    [Test]
    public async Task The_spend_limit_is_kept_and_cleared_with_null()
    {
        Clock.Advance(System.TimeSpan.FromHours(1));
        var capped = await Client.Analytics.UpdateSpendLimitAsync(Sandbox.OrganizationId, new UpdateSpendLimitRequest { SpendLimit = 250.5 });
        var read = await Client.Analytics.GetOrganizationPlanAsync(Sandbox.OrganizationId);
        var cleared = await Client.Analytics.UpdateSpendLimitAsync(Sandbox.OrganizationId, new UpdateSpendLimitRequest { SpendLimit = null });

        Assert.That(capped.SpendLimit, Is.EqualTo(250.5));
        Assert.That(read.SpendLimit, Is.EqualTo(250.5));
        Assert.That(read.UpdatedAt, Is.EqualTo(Start.AddHours(1)));
        Assert.That(read.CreatedAt, Is.EqualTo(Start.AddHours(1)), "the billing record is made on first use");
        Assert.That(cleared.SpendLimit, Is.Null);
        Assert.That((await Client.Analytics.GetOrganizationPlanAsync(Sandbox.OrganizationId)).SpendLimit, Is.Null);
    }

    [TestCase("""{"spend_limit":-1}""")]
    [TestCase("{}")]
    public async Task A_spend_limit_must_be_a_number_of_at_least_zero_or_null(string body)
    {
        using var http = CreateRawHttpClient();

        using var response = await http.PutAsync($"v1/organizations/{Sandbox.OrganizationId}/spend-limit", new System.Net.Http.StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        ForgetViolations();

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"field\":\"spend_limit\""));
    }

    [Test]
    public async Task An_organization_the_caller_is_not_in_is_forbidden_where_no_404_is_declared()
    {
        Assert.ThrowsAsync<PgBeamForbiddenException>(() => Client.Analytics.GetOrganizationPlanAsync("org_other"));
        Assert.ThrowsAsync<PgBeamForbiddenException>(() => Client.Analytics.SubmitCancellationFeedbackAsync("org_other", new CancellationFeedbackRequest { Reason = "too-expensive" }));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Analytics.UpdateSpendLimitAsync("org_other", new UpdateSpendLimitRequest { SpendLimit = 1 }));
        await Client.Analytics.SubmitCancellationFeedbackAsync(Sandbox.OrganizationId, new CancellationFeedbackRequest { Reason = "too-expensive", Feedback = "Switching." });
    }

    [Test]
    public async Task Without_a_marketplace_installation_Vercel_answers_404_and_with_one_its_resources()
    {
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Analytics.GetVercelInstallationAsync(Sandbox.OrganizationId));
        var kept = await CreateProjectAsync("kept");
        var dropped = await CreateProjectAsync("dropped");
        var seeded = Sandbox.SeedVercelInstallation(kept.Id, dropped.Id);
        await Client.Projects.DeleteProjectAsync(dropped.Id);

        var installation = await Client.Analytics.GetVercelInstallationAsync(Sandbox.OrganizationId);
        var plan = await Client.Analytics.GetOrganizationPlanAsync(Sandbox.OrganizationId);

        Assert.That(installation.InstallationId, Is.EqualTo(seeded.InstallationId));
        Assert.That(installation.Status, Is.EqualTo("active"));
        Assert.That(installation.Resources.Select(r => (r.ProjectId, r.Status)), Is.EqualTo(new[] { (kept.Id, VercelResourceState.Ready), (dropped.Id, VercelResourceState.Deleted) }));
        Assert.That(installation.Resources[0].Name, Is.EqualTo("kept"));
        Assert.That(plan.BillingProvider, Is.EqualTo(BillingProvider.Vercel));
    }
}
