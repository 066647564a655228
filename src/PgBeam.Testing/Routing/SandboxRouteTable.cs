using System.Collections.Generic;
using System.Linq;
using PgBeam.Testing.Endpoints;

namespace PgBeam.Testing.Routing;

/// <summary>
/// Every operation of the contract, so a request the sandbox does not model gets a 501 naming the operation rather
/// than a misleading 404. A test checks this table against <c>openapi/pgbeam.yaml</c>, so it grows with the contract.
/// </summary>
internal static class SandboxRouteTable
{
    public static IReadOnlyList<SandboxRoute> Routes { get; } =
    [
        // Projects
        new("POST", "/v1/projects", "createProject", ProjectsApi.Create),
        new("GET", "/v1/projects", "listProjects", ProjectsApi.List),
        new("GET", "/v1/projects/{project_id}", "getProject", ProjectsApi.Get),
        new("PATCH", "/v1/projects/{project_id}", "updateProject", ProjectsApi.Update),
        new("DELETE", "/v1/projects/{project_id}", "deleteProject", ProjectsApi.Delete),
        new("GET", "/v1/projects/{project_id}/metrics", "getProjectMetrics", null),
        new("GET", "/v1/projects/{project_id}/databases/{database_id}/cache-rules", "listCacheRules", null),
        new("PUT", "/v1/projects/{project_id}/databases/{database_id}/cache-rules/{query_hash}", "updateCacheRule", null),
        new("POST", "/v1/projects/{project_id}/domains", "createCustomDomain", null),
        new("GET", "/v1/projects/{project_id}/domains", "listCustomDomains", null),
        new("DELETE", "/v1/projects/{project_id}/domains/{domain_id}", "deleteCustomDomain", null),
        new("POST", "/v1/projects/{project_id}/domains/{domain_id}/verify", "verifyCustomDomain", null),
        new("GET", "/v1/databases/{database_id}/replicas", "listReplicas", null),
        new("POST", "/v1/databases/{database_id}/replicas", "createReplica", null),
        new("DELETE", "/v1/databases/{database_id}/replicas/{replica_id}", "deleteReplica", null),

        // Databases
        new("POST", "/v1/projects/{project_id}/databases", "createDatabase", DatabasesApi.Create),
        new("GET", "/v1/projects/{project_id}/databases", "listDatabases", DatabasesApi.List),
        new("GET", "/v1/projects/{project_id}/databases/{database_id}", "getDatabase", DatabasesApi.Get),
        new("PATCH", "/v1/projects/{project_id}/databases/{database_id}", "updateDatabase", DatabasesApi.Update),
        new("DELETE", "/v1/projects/{project_id}/databases/{database_id}", "deleteDatabase", DatabasesApi.Delete),
        new("POST", "/v1/projects/{project_id}/databases/{database_id}/test-connection", "testDatabaseConnection", null),
        new("POST", "/v1/projects/{project_id}/databases/{database_id}/scan-pii", "scanDatabaseForPii", null),
        new("GET", "/v1/projects/{project_id}/databases/{database_id}/schema-catalog", "getSchemaCatalog", null),

        // Policies
        new("POST", "/v1/projects/{project_id}/policies", "createPolicyProfile", PoliciesApi.Create),
        new("GET", "/v1/projects/{project_id}/policies", "listPolicyProfiles", PoliciesApi.List),
        new("GET", "/v1/projects/{project_id}/policies/{policy_id}", "getPolicyProfile", PoliciesApi.Get),
        new("PUT", "/v1/projects/{project_id}/policies/{policy_id}", "updatePolicyProfile", PoliciesApi.Update),
        new("DELETE", "/v1/projects/{project_id}/policies/{policy_id}", "deletePolicyProfile", PoliciesApi.Delete),
        new("POST", "/v1/projects/{project_id}/policy-evaluations", "dryEvalPolicy", null),
        new("POST", "/v1/projects/{project_id}/policy-replays", "replayPolicy", null),

        // Agents
        new("POST", "/v1/projects/{project_id}/agents", "createAgentCredential", AgentsApi.Create),
        new("GET", "/v1/projects/{project_id}/agents", "listAgentCredentials", AgentsApi.List),
        new("GET", "/v1/projects/{project_id}/agents/{agent_id}", "getAgentCredential", AgentsApi.Get),
        new("PATCH", "/v1/projects/{project_id}/agents/{agent_id}", "updateAgentCredentialStatus", AgentsApi.UpdateStatus),
        new("DELETE", "/v1/projects/{project_id}/agents/{agent_id}", "revokeAgentCredential", AgentsApi.Revoke),
        new("POST", "/v1/projects/{project_id}/agents/{agent_id}/rotate", "rotateAgentCredential", AgentsApi.Rotate),
        new("GET", "/v1/projects/{project_id}/audit-logs", "listAuditLogs", AuditLogsApi.List),
        new("GET", "/v1/projects/{project_id}/audit-logs/export", "exportAuditLogs", null),
        new("GET", "/v1/projects/{project_id}/audit-logs/verify", "verifyAuditChain", null),

        // Approvals
        new("GET", "/v1/projects/{project_id}/approvals", "listApprovalRequests", ApprovalsApi.List),
        new("POST", "/v1/projects/{project_id}/approvals/{approval_id}/approve", "approveApprovalRequest", ApprovalsApi.Approve),
        new("POST", "/v1/projects/{project_id}/approvals/{approval_id}/reject", "rejectApprovalRequest", ApprovalsApi.Reject),

        // Webhooks
        new("POST", "/v1/projects/{project_id}/webhooks", "createWebhookEndpoint", WebhooksApi.Create),
        new("GET", "/v1/projects/{project_id}/webhooks", "listWebhookEndpoints", WebhooksApi.List),
        new("GET", "/v1/projects/{project_id}/webhooks/{webhook_id}", "getWebhookEndpoint", WebhooksApi.Get),
        new("PUT", "/v1/projects/{project_id}/webhooks/{webhook_id}", "updateWebhookEndpoint", WebhooksApi.Update),
        new("DELETE", "/v1/projects/{project_id}/webhooks/{webhook_id}", "deleteWebhookEndpoint", WebhooksApi.Delete),
        new("POST", "/v1/projects/{project_id}/webhooks/{webhook_id}/test", "testWebhookEndpoint", WebhooksApi.Test),

        // Platform
        new("GET", "/v1/health", "getHealth", PlatformApi.Health, requiresAuthentication: false),
        new("GET", "/v1/regions", "listRegions", PlatformApi.Regions),
        new("POST", "/v1/organizations/{org_id}/self-host-enrollments", "createSelfHostEnrollment", null),
        new("GET", "/v1/organizations/{org_id}/self-host-enrollments", "listSelfHostEnrollments", null),
        new("DELETE", "/v1/organizations/{org_id}/self-host-enrollments/{enrollment_id}", "revokeSelfHostEnrollment", null),
        new("POST", "/v1/organizations/{org_id}/self-host-enrollments/{enrollment_id}/rotate", "rotateSelfHostEnrollment", null),

        // Anomalies, Branches, Migrations
        new("GET", "/v1/projects/{project_id}/anomalies", "listAnomalyAlerts", null),
        new("PATCH", "/v1/projects/{project_id}/anomalies/{anomaly_id}", "updateAnomalyAlert", null),
        new("GET", "/v1/projects/{project_id}/branches", "listDatabaseBranches", null),
        new("DELETE", "/v1/projects/{project_id}/branches/{branch_id}", "discardDatabaseBranch", null),
        new("POST", "/v1/projects/{project_id}/migrations:lint", "lintMigration", null),

        // Analytics
        new("GET", "/v1/plans", "listPlans", null),
        new("GET", "/v1/organizations/{org_id}/plan", "getOrganizationPlan", null),
        new("GET", "/v1/organizations/{org_id}/vercel-installation", "getVercelInstallation", null),
        new("PUT", "/v1/organizations/{org_id}/spend-limit", "updateSpendLimit", null),
        new("POST", "/v1/organizations/{org_id}/cancellation-feedback", "submitCancellationFeedback", null),
        new("GET", "/v1/organizations/{org_id}/usage", "getOrganizationUsage", null),
        new("GET", "/v1/projects/{project_id}/usage", "getProjectUsage", null),
        new("GET", "/v1/projects/{project_id}/insights", "getProjectInsights", null),

        // Account, Support
        new("GET", "/v1/account/export", "exportAccountData", null),
        new("GET", "/v1/organizations", "listOrganizations", null),
        new("GET", "/v1/organizations/{org_id}/onboarding", "getOnboardingProgress", null),
        new("PATCH", "/v1/organizations/{org_id}/onboarding", "updateOnboardingProgress", null),
        new("GET", "/v1/organizations/{org_id}/support/cases", "listSupportCases", null),
        new("POST", "/v1/organizations/{org_id}/support/cases", "createSupportCase", null),
        new("GET", "/v1/organizations/{org_id}/support/cases/{case_id}", "getSupportCase", null),
        new("PATCH", "/v1/organizations/{org_id}/support/cases/{case_id}", "updateSupportCase", null),
        new("POST", "/v1/organizations/{org_id}/support/cases/{case_id}/messages", "createSupportMessage", null),

        // Outside the SDK: service-to-service (its own secret) and the MCP transport.
        new("POST", "/v1/internal/support/slack-event", "handleSlackSupportEvent", null, requiresAuthentication: false),
        new("POST", "/v1/mcp", "mcpTransport", null),
    ];

    /// <summary>The operation ids the sandbox answers with behaviour, not 501.</summary>
    public static IReadOnlyList<string> Modelled { get; } = Routes.Where(r => r.Endpoint is not null).Select(r => r.OperationId).ToArray();
}
