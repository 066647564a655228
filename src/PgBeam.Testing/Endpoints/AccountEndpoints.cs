using System;
using System.Collections.Generic;
using PgBeam.Testing.Routing;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// The organization and account: members and invitations, onboarding, organizations, plans, billing, payments and spend limits, the demo, support cases and the account export.
/// </summary>
internal static class AccountEndpoints
{
    /// <summary>The operations of this group, by operation id.</summary>
    public static readonly IReadOnlyDictionary<string, Func<SandboxCall, SandboxResult>> Routes = new Dictionary<string, Func<SandboxCall, SandboxResult>>(StringComparer.Ordinal)
    {
        ["listOrgMembers"] = OrgMembersApi.ListMembers,
        ["updateOrgMemberRole"] = OrgMembersApi.UpdateMemberRole,
        ["removeOrgMember"] = OrgMembersApi.RemoveMember,
        ["listOrgInvitations"] = OrgMembersApi.ListInvitations,
        ["createOrgInvitation"] = OrgMembersApi.CreateInvitation,
        ["revokeOrgInvitation"] = OrgMembersApi.RevokeInvitation,

        ["listOrganizations"] = AccountApi.ListOrganizations,
        ["getOnboardingProgress"] = AccountApi.GetOnboarding,
        ["updateOnboardingProgress"] = AccountApi.UpdateOnboarding,
        ["exportAccountData"] = AccountApi.ExportAccountData,

        ["listPlans"] = BillingApi.ListPlans,
        ["getOrganizationPlan"] = BillingApi.GetOrganizationPlan,
        ["updateSpendLimit"] = BillingApi.UpdateSpendLimit,
        ["submitCancellationFeedback"] = BillingApi.SubmitCancellationFeedback,
        ["getVercelInstallation"] = BillingApi.GetVercelInstallation,

        ["listPaymentResources"] = PaymentsApi.ListResources,
        ["createBudgetTopup"] = PaymentsApi.CreateBudgetTopup,

        ["getDemo"] = DemoApi.Describe,
        ["createDemoCredential"] = DemoApi.Issue,
        ["releaseDemoCredential"] = DemoApi.Release,

        ["listSupportCases"] = SupportApi.List,
        ["createSupportCase"] = SupportApi.Create,
        ["getSupportCase"] = SupportApi.Get,
        ["updateSupportCase"] = SupportApi.Update,
        ["createSupportMessage"] = SupportApi.CreateMessage,
    };
}
