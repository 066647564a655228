using System.Threading.Tasks;

namespace PgBeam.Testing.Tests;

/// <summary>The part of the tour through Prism that calls every operation of <c>AccountEndpoints</c>.</summary>
public partial class ContractProxyTests
{
    private async Task TourAccountAsync(string projectId)
    {
        var org = Sandbox.OrganizationId;

        await Client.Account.ListOrganizationsAsync();
        await Client.Account.ListOrgMembersAsync(org);
        var invitation = await Client.Account.CreateOrgInvitationAsync(org, new CreateOrgInvitationRequest { Email = "tour@example.com", Role = AssignableOrgRole.Auditor });
        await Client.Account.ListOrgInvitationsAsync(org, new ListOrgInvitationsParams { Status = OrgInvitationStatus.Pending });
        var member = Sandbox.AcceptInvitation(invitation.Id);
        await Client.Account.UpdateOrgMemberRoleAsync(org, member.Id, new UpdateOrgMemberRoleRequest { Role = AssignableOrgRole.Admin });
        await Client.Account.RemoveOrgMemberAsync(org, member.Id);
        var revoked = await Client.Account.CreateOrgInvitationAsync(org, new CreateOrgInvitationRequest { Email = "gone@example.com" });
        await Client.Account.RevokeOrgInvitationAsync(org, revoked.Id);

        await Client.Account.GetOnboardingProgressAsync(org);
        await Client.Account.UpdateOnboardingProgressAsync(org, new UpdateOnboardingRequest { Step = OnboardingStep.ConnectionTested });
        await Client.Account.ExportAccountDataAsync();

        await Client.Analytics.ListPlansAsync();
        await Client.Analytics.GetOrganizationPlanAsync(org);
        await Client.Analytics.UpdateSpendLimitAsync(org, new UpdateSpendLimitRequest { SpendLimit = 100 });
        await Client.Analytics.SubmitCancellationFeedbackAsync(org, new CancellationFeedbackRequest { Reason = "too-expensive" });
        Sandbox.SeedVercelInstallation(projectId);
        await Client.Analytics.GetVercelInstallationAsync(org);

        await Client.Payments.ListPaymentResourcesAsync();
        var policy = await Client.Policies.CreatePolicyProfileAsync(projectId, new PolicyProfileInput { Name = "buyer" });
        var buyer = await Client.Agents.CreateAgentCredentialAsync(projectId, new CreateAgentCredentialRequest { Name = "buyer", PolicyProfileId = policy.Id });
        using (var agent = CreateClient(o => o.ApiKey = buyer.McpToken))
        {
            await agent.Payments.CreateBudgetTopupAsync(new BudgetTopupInput { Packs = 1 }, paymentAuthorization: "Payment sandbox-credential");
        }

        await Client.Demo.GetDemoAsync();
        var demo = await Client.Demo.CreateDemoCredentialAsync(new CreateDemoCredentialRequest { Label = "tour" });
        await Client.Demo.ReleaseDemoCredentialAsync(demo.SessionId, new ReleaseDemoCredentialRequest { McpToken = demo.McpToken });

        var supportCase = await Client.Support.CreateSupportCaseAsync(org, new CreateSupportCaseRequest { OrgId = org, Title = "Tour", Body = "Hello", Severity = 3 });
        await Client.Support.ListSupportCasesAsync(org, new ListSupportCasesParams { Status = SupportCaseStatus.Open, Search = "tour" });
        await Client.Support.CreateSupportMessageAsync(org, supportCase.Id, new CreateSupportMessageRequest { Body = "More" });
        await Client.Support.UpdateSupportCaseAsync(org, supportCase.Id, new UpdateSupportCaseRequest { Status = SupportCaseStatus.Closed });
        await Client.Support.GetSupportCaseAsync(org, supportCase.Id);
    }
}
