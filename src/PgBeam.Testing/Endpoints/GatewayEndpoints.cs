using System;
using System.Collections.Generic;
using PgBeam.Testing.Routing;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// The agent gateway's own resources and reports: anomaly alerts and rules, approval rules, honeytokens, policy evaluation and recommendations, audit exports and summaries, scans, usage, insights and metrics.
/// </summary>
internal static class GatewayEndpoints
{
    /// <summary>The operations of this group, by operation id.</summary>
    public static readonly IReadOnlyDictionary<string, Func<SandboxCall, SandboxResult>> Routes = new Dictionary<string, Func<SandboxCall, SandboxResult>>(StringComparer.Ordinal)
    {
        ["createHoneytoken"] = HoneytokensApi.Create,
        ["listHoneytokens"] = HoneytokensApi.List,
        ["getHoneytoken"] = HoneytokensApi.Get,
        ["updateHoneytoken"] = HoneytokensApi.Update,
        ["deleteHoneytoken"] = HoneytokensApi.Delete,
        ["createAnomalyRule"] = AnomalyRulesApi.Create,
        ["listAnomalyRules"] = AnomalyRulesApi.List,
        ["getAnomalyRule"] = AnomalyRulesApi.Get,
        ["updateAnomalyRule"] = AnomalyRulesApi.Update,
        ["deleteAnomalyRule"] = AnomalyRulesApi.Delete,
        ["createApprovalRule"] = ApprovalRulesApi.Create,
        ["listApprovalRules"] = ApprovalRulesApi.List,
        ["getApprovalRule"] = ApprovalRulesApi.Get,
        ["updateApprovalRule"] = ApprovalRulesApi.Update,
        ["deleteApprovalRule"] = ApprovalRulesApi.Delete,
        ["listAnomalyAlerts"] = AnomalyAlertsApi.List,
        ["updateAnomalyAlert"] = AnomalyAlertsApi.Update,
        ["exportAuditLogs"] = AuditReportsApi.Export,
        ["getAuditSessionSummary"] = AuditReportsApi.SessionSummary,
        ["verifyAuditChain"] = AuditReportsApi.VerifyChain,
        ["dryEvalPolicy"] = PolicyEvaluationApi.DryEval,
        ["replayPolicy"] = PolicyEvaluationApi.Replay,
        ["recommendAgentPolicy"] = PolicyEvaluationApi.Recommend,
        ["scanText"] = ScanApi.ScanText,
        ["lintMigration"] = ScanApi.LintMigration,
        ["getProjectUsage"] = UsageApi.ProjectUsage,
        ["getOrganizationUsage"] = UsageApi.OrganizationUsage,
        ["getAgentUsageBreakdown"] = UsageApi.AgentBreakdown,
        ["getProjectInsights"] = UsageApi.Insights,
        ["getProjectMetrics"] = UsageApi.Metrics,
    };
}
