using PgBeam.Testing.Routing;

namespace PgBeam.Testing.State;

/// <summary>Lookups of the gateway's resources that answer 404 for an unknown id, a deleted one, or one of another project.</summary>
internal static class GatewayState
{
    public static Honeytoken RequireHoneytoken(this SandboxState state, string projectId, string honeytokenId) =>
        state.Honeytokens.Find(honeytokenId) is { } token && token.ProjectId == projectId
            ? token
            : throw SandboxProblem.NotFound($"Honeytoken '{honeytokenId}' does not exist in project '{projectId}'.");

    public static AnomalyRule RequireAnomalyRule(this SandboxState state, string projectId, string ruleId) =>
        state.AnomalyRules.Find(ruleId) is { } rule && rule.ProjectId == projectId
            ? rule
            : throw SandboxProblem.NotFound($"Anomaly rule '{ruleId}' does not exist in project '{projectId}'.");

    public static ApprovalRule RequireApprovalRule(this SandboxState state, string projectId, string ruleId) =>
        state.ApprovalRules.Find(ruleId) is { } rule && rule.ProjectId == projectId
            ? rule
            : throw SandboxProblem.NotFound($"Approval rule '{ruleId}' does not exist in project '{projectId}'.");

    public static AnomalyAlert RequireAnomalyAlert(this SandboxState state, string projectId, string alertId) =>
        state.AnomalyAlerts.Find(alertId) is { } alert && alert.ProjectId == projectId
            ? alert
            : throw SandboxProblem.NotFound($"Anomaly alert '{alertId}' does not exist in project '{projectId}'.");
}
