using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;

namespace PgBeam.Testing.State;

/// <summary>
/// What the sandbox keeps about one organization the caller belongs to: its members (the caller is its one owner),
/// invitations, onboarding checklist, billing record, cancellation feedback and any Vercel installation.
/// </summary>
internal sealed class StoredOrganization
{
    /// <summary>The caller: the sandbox's API key acts as this person, the owner of every organization it sees.</summary>
    public const string OwnerName = "Sandbox Owner";

    /// <summary>The caller's email address, under the reserved <c>.invalid</c> domain.</summary>
    public const string OwnerEmail = "owner@sandbox.pgbeam.invalid";

    public StoredOrganization(string id, DateTimeOffset createdAt)
    {
        Id = id;
        CreatedAt = createdAt;
    }

    public string Id { get; }

    /// <summary>Made from the id: <c>org_sandbox</c> is "Org sandbox".</summary>
    public string Name => char.ToUpperInvariant(Id[0]) + Id[1..].Replace('_', ' ');

    /// <summary>Made from the id: <c>org_sandbox</c> is <c>org-sandbox</c>.</summary>
    public string Slug => Id.ToLowerInvariant().Replace('_', '-').Replace('.', '-');

    public DateTimeOffset CreatedAt { get; }

    /// <summary>The caller's own membership (role <c>owner</c>).</summary>
    public OrgMember Owner => Members.Live.First(m => m.UserId == OwnerUserId);

    public string OwnerUserId { get; set; } = string.Empty;

    public ResourceTable<OrgMember> Members { get; } = new();

    public ResourceTable<OrgInvitation> Invitations { get; } = new();

    /// <summary>Checklist steps ticked off or seen done, by step name, with when.</summary>
    public Dictionary<string, DateTimeOffset> OnboardingSteps { get; } = new(StringComparer.Ordinal);

    public bool OnboardingDismissed { get; set; }

    public DateTimeOffset? OnboardingCompletedAt { get; set; }

    /// <summary>The dollar cap per month; null when uncapped.</summary>
    public double? SpendLimit { get; set; }

    public DateTimeOffset BillingUpdatedAt { get; set; }

    /// <summary>Exit-survey answers, in the order they were given.</summary>
    public List<CancellationFeedbackRequest> CancellationFeedback { get; } = [];

    /// <summary>Set when the organization came through the Vercel Marketplace (<c>PgBeamSandbox.SeedVercelInstallation</c>).</summary>
    public StoredVercelInstallation? Vercel { get; set; }
}

/// <summary>An organization's Vercel Marketplace installation: its ids and the projects provisioned as resources.</summary>
internal sealed class StoredVercelInstallation(string installationId, string accountId, DateTimeOffset createdAt, IReadOnlyList<(string ResourceId, string ProjectId, string Name)> resources)
{
    public string InstallationId { get; } = installationId;

    public string AccountId { get; } = accountId;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public IReadOnlyList<(string ResourceId, string ProjectId, string Name)> Resources { get; } = resources;
}

/// <summary>Finding organizations: the sandbox's own and any a project was created in; the caller owns each.</summary>
internal static class OrganizationLookup
{
    /// <summary>
    /// The organization, made (with the caller as its owner) the first time it is used. An id that is neither the
    /// sandbox's organization nor the <c>org_id</c> of a project answers 404, or 403 where the operation declares no 404.
    /// </summary>
    public static StoredOrganization RequireOrganization(this SandboxState state, string orgId, bool notFoundDeclared = true)
    {
        if (state.Organizations.TryGetValue(orgId, out var known))
        {
            return known;
        }

        if (orgId != state.OrganizationId && !state.Projects.Live.Any(p => p.OrgId == orgId))
        {
            throw notFoundDeclared
                ? SandboxProblem.NotFound($"Organization '{orgId}' does not exist or the caller is not a member.")
                : new SandboxProblem(HttpStatusCode.Forbidden, "FORBIDDEN", $"The caller is not a member of organization '{orgId}'.");
        }

        return Create(state, orgId);
    }

    /// <summary>Every organization the caller belongs to: the sandbox's, then those of projects, in first-use order.</summary>
    public static IReadOnlyList<StoredOrganization> OrganizationsOfCaller(this SandboxState state)
    {
        var ids = new List<string> { state.OrganizationId };
        ids.AddRange(state.Projects.Live.Select(p => p.OrgId));
        ids.AddRange(state.Organizations.Keys);
        return ids.Distinct(StringComparer.Ordinal).Select(id => state.RequireOrganization(id)).ToList();
    }

    private static StoredOrganization Create(SandboxState state, string orgId)
    {
        var now = state.Now();
        var organization = new StoredOrganization(orgId, now) { BillingUpdatedAt = now, OwnerUserId = OwnerUserIdOf(state) };
        var memberId = state.NewHex(32);
        organization.Members.Add(memberId, state.NextSequence(), new OrgMember
        {
            Id = memberId,
            UserId = organization.OwnerUserId,
            Email = StoredOrganization.OwnerEmail,
            Name = StoredOrganization.OwnerName,
            Role = OrgRole.Owner,
            CreatedAt = now,
        });
        organization.OnboardingSteps["org_created"] = now;
        state.Organizations.Add(orgId, organization);
        return organization;
    }

    /// <summary>One user id for the caller across organizations: the owner's of the first organization made.</summary>
    private static string OwnerUserIdOf(SandboxState state) =>
        state.Organizations.Values.FirstOrDefault()?.OwnerUserId is { Length: > 0 } known ? known : state.NewHex(24);
}
