using System;
using System.Linq;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// The contract's rule that an organization has enabled approval rules or a live self-host enrollment, never both
/// (PgBeam cannot yet verify that a self-hosted proxy enforces approval rules): saving an enabled rule while the
/// organization has a live enrollment is a 409 <c>INVALID_STATE</c>, and so is issuing an enrollment while any of its
/// projects has an enabled rule. A disabled rule may always be saved. A live enrollment is neither revoked nor expired.
/// </summary>
internal static class SelfHostApprovalConflict
{
    /// <summary>Refuses an enabled approval rule in <paramref name="projectId"/> while its organization has a live enrollment.</summary>
    public static void RefuseEnabledRule(SandboxState state, string projectId, DateTimeOffset now)
    {
        var orgId = state.RequireProject(projectId).OrgId;
        if (state.SelfHostEnrollments.Live.FirstOrDefault(e => e.Enrollment.OrgId == orgId && IsLive(e.Enrollment, now)) is { } live)
        {
            throw SandboxProblem.InvalidState(
                $"Organization '{orgId}' has a live self-host enrollment ('{live.Enrollment.Id}'); an enabled approval rule cannot be enforced by a self-hosted proxy yet. Save the rule with enabled=false, or revoke the enrollment.");
        }
    }

    /// <summary>Refuses a new enrollment of <paramref name="orgId"/> while any of its projects has an enabled approval rule.</summary>
    public static void RefuseEnrollment(SandboxState state, string orgId)
    {
        var rule = state.ApprovalRules.Live.FirstOrDefault(r => r.Enabled && state.Projects.Find(r.ProjectId)?.OrgId == orgId);
        if (rule is not null)
        {
            throw SandboxProblem.InvalidState(
                $"Approval rule '{rule.Id}' of project '{rule.ProjectId}' is enabled; a self-hosted proxy cannot enforce approval rules yet. Disable the organization's approval rules first (they can stay saved with enabled=false).");
        }
    }

    private static bool IsLive(SelfHostEnrollment enrollment, DateTimeOffset now) =>
        enrollment.RevokedAt is null && (enrollment.ExpiresAt is not { } expiry || expiry > now);
}
