using System;
using System.Collections.Generic;
using System.Linq;
using PgBeam.Testing.Endpoints;
using PgBeam.Testing.State;

namespace PgBeam.Testing;

/// <summary>The account side of the sandbox: what happens outside the API to organizations, and what was bought.</summary>
public sealed partial class PgBeamSandbox
{
    /// <summary>
    /// Queries bought for agent credentials (<c>createBudgetTopup</c> with a payment), oldest first, as copies.
    /// </summary>
    public IReadOnlyList<BudgetTopup> BudgetTopups
    {
        get
        {
            lock (_state.Gate)
            {
                return _state.BudgetTopups.Select(SandboxCopy.Of).ToArray();
            }
        }
    }

    /// <summary>
    /// Accepts a pending invitation as the invitee would by following the emailed link: the invitation becomes
    /// <c>accepted</c> and the person a member of the organization with the invitation's role (a name made from the
    /// address), listed by <c>listOrgMembers</c>.
    /// </summary>
    /// <param name="invitationId">An invitation made with <c>createOrgInvitation</c>.</param>
    /// <param name="organizationId">Its organization; default <see cref="OrganizationId"/>.</param>
    /// <returns>A copy of the new membership.</returns>
    /// <exception cref="InvalidOperationException">The invitation is not pending, has expired or does not exist.</exception>
    public OrgMember AcceptInvitation(string invitationId, string? organizationId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(invitationId);
        lock (_state.Gate)
        {
            var organization = _state.RequireOrganization(organizationId ?? _state.OrganizationId);
            return SandboxCopy.Of(OrgMembersApi.Accept(_state, organization, invitationId));
        }
    }

    /// <summary>
    /// Marks <see cref="OrganizationId"/> as having come through the Vercel Marketplace: <c>getVercelInstallation</c>
    /// then describes an active installation whose resources are the given projects (a deleted project shows as a
    /// <c>deleted</c> resource), and the organization's plan is billed by <c>vercel</c>. Without it that call answers 404.
    /// </summary>
    /// <param name="projectIds">Existing projects provisioned as Vercel resources.</param>
    /// <returns>The installation as <c>getVercelInstallation</c> describes it now.</returns>
    /// <exception cref="ArgumentException">A project does not exist.</exception>
    public VercelInstallationStatus SeedVercelInstallation(params string[] projectIds)
    {
        ArgumentNullException.ThrowIfNull(projectIds);
        lock (_state.Gate)
        {
            var organization = _state.RequireOrganization(_state.OrganizationId);
            var resources = projectIds.Select(id => FindProject(id)).Select(p => (ResourceId: "icfg_res_" + _state.NewHex(16), ProjectId: p.Id, Name: p.Name)).ToArray();
            organization.Vercel = new StoredVercelInstallation("icfg_" + _state.NewSecret(24), "team_" + _state.NewSecret(24), _state.Now(), resources);
            return BillingApi.VercelStatusOf(_state, organization, organization.Vercel);
        }
    }

    /// <summary>
    /// Whether a demo credential's connection string or MCP token (from <c>createDemoCredential</c>) gets in now: it
    /// was issued, has not expired and was not released with <c>releaseDemoCredential</c>.
    /// </summary>
    /// <param name="connectionStringOrMcpToken">A secret the demo issued.</param>
    public bool IsDemoCredentialValid(string connectionStringOrMcpToken)
    {
        ArgumentNullException.ThrowIfNull(connectionStringOrMcpToken);
        lock (_state.Gate)
        {
            return DemoApi.IsValid(_state, connectionStringOrMcpToken);
        }
    }
}
