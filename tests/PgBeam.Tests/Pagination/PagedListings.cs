using System;
using System.Collections.Generic;
using System.Threading;

namespace PgBeam.Tests.Pagination;

/// <summary>Every paginated list operation of the contract, for the walk tests (a reflection test keeps it complete).</summary>
public static class PagedListings
{
    public static readonly DateTimeOffset AuditStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset AuditEnd = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    public static IEnumerable<PagedListing> All()
    {
        yield return Token("listProjects", "/v1/projects", "projects",
            new() { ["org_id"] = "org_1", ["sort_by"] = "name", ["page_size"] = "2" },
            () => new ListProjectsParams { SortBy = ListProjectsSortBy.Name, PageSize = 2 },
            (c, p, ct) => Keys(c.Projects.ListProjectsAutoPagingAsync("org_1", (ListProjectsParams)p, cancellationToken: ct), x => x.Id));
        yield return Token("listDatabases", "/v1/projects/prj_1/databases", "databases",
            new() { ["page_size"] = "2" },
            () => new ListDatabasesParams { PageSize = 2 },
            (c, p, ct) => Keys(c.Databases.ListDatabasesAutoPagingAsync("prj_1", (ListDatabasesParams)p, cancellationToken: ct), x => x.Id));
        yield return Token("listCustomDomains", "/v1/projects/prj_1/domains", "domains",
            new() { ["page_size"] = "2" },
            () => new ListCustomDomainsParams { PageSize = 2 },
            (c, p, ct) => Keys(c.Projects.ListCustomDomainsAutoPagingAsync("prj_1", (ListCustomDomainsParams)p, cancellationToken: ct), x => x.Id));
        yield return Token("listCacheRules", "/v1/projects/prj_1/databases/db_1/cache-rules", "entries",
            new() { ["page_size"] = "2" },
            () => new ListCacheRulesParams { PageSize = 2 },
            (c, p, ct) => Keys(c.Projects.ListCacheRulesAutoPagingAsync("prj_1", "db_1", (ListCacheRulesParams)p, cancellationToken: ct), x => x.QueryHash),
            keyProperty: "query_hash");
        yield return Token("listPolicyProfiles", "/v1/projects/prj_1/policies", "policies",
            new() { ["page_size"] = "2" },
            () => new ListPolicyProfilesParams { PageSize = 2 },
            (c, p, ct) => Keys(c.Policies.ListPolicyProfilesAutoPagingAsync("prj_1", (ListPolicyProfilesParams)p, cancellationToken: ct), x => x.Id));
        yield return Token("listAgentCredentials", "/v1/projects/prj_1/agents", "agents",
            new() { ["page_size"] = "2" },
            () => new ListAgentCredentialsParams { PageSize = 2 },
            (c, p, ct) => Keys(c.Agents.ListAgentCredentialsAutoPagingAsync("prj_1", (ListAgentCredentialsParams)p, cancellationToken: ct), x => x.Id));
        yield return Token("listWebhookEndpoints", "/v1/projects/prj_1/webhooks", "webhooks",
            new() { ["page_size"] = "2" },
            () => new ListWebhookEndpointsParams { PageSize = 2 },
            (c, p, ct) => Keys(c.Webhooks.ListWebhookEndpointsAutoPagingAsync("prj_1", (ListWebhookEndpointsParams)p, cancellationToken: ct), x => x.Id));
        yield return Token("listAnomalyAlerts", "/v1/projects/prj_1/anomalies", "anomalies",
            new() { ["status"] = "open", ["page_size"] = "2" },
            () => new ListAnomalyAlertsParams { Status = AnomalyAlertStatus.Open, PageSize = 2 },
            (c, p, ct) => Keys(c.Anomalies.ListAnomalyAlertsAutoPagingAsync("prj_1", (ListAnomalyAlertsParams)p, cancellationToken: ct), x => x.Id));
        yield return Token("listApprovalRequests", "/v1/projects/prj_1/approvals", "approvals",
            new() { ["status"] = "pending", ["page_size"] = "2" },
            () => new ListApprovalRequestsParams { Status = ApprovalRequestStatus.Pending, PageSize = 2 },
            (c, p, ct) => Keys(c.Approvals.ListApprovalRequestsAutoPagingAsync("prj_1", (ListApprovalRequestsParams)p, cancellationToken: ct), x => x.Id));
        yield return Token("listDatabaseBranches", "/v1/projects/prj_1/branches", "branches",
            new() { ["status"] = "ready", ["page_size"] = "2" },
            () => new ListDatabaseBranchesParams { Status = DatabaseBranchStatus.Ready, PageSize = 2 },
            (c, p, ct) => Keys(c.Branches.ListDatabaseBranchesAutoPagingAsync("prj_1", (ListDatabaseBranchesParams)p, cancellationToken: ct), x => x.Id));
        yield return new PagedListing("listAuditLogs", PagingStyle.Keyset, "/v1/projects/prj_1/audit-logs", "entries", "id",
            new Dictionary<string, string>
            {
                ["credential_id"] = "agt_1",
                ["event"] = "blocked",
                ["decision"] = "block",
                ["source"] = "mcp",
                ["start"] = "2026-01-01T00:00:00.0000000+00:00",
                ["end"] = "2026-02-01T00:00:00.0000000+00:00",
                ["page_size"] = "2",
            },
            () => new ListAuditLogsParams
            {
                CredentialId = "agt_1",
                Event = "blocked",
                Decision = AuditDecision.Block,
                Source = AuditSource.Mcp,
                Start = AuditStart,
                End = AuditEnd,
                PageSize = 2,
            },
            (c, p, ct) => Keys(c.Agents.ListAuditLogsAutoPagingAsync("prj_1", (ListAuditLogsParams)p, cancellationToken: ct), x => x.Id));
        yield return new PagedListing("listSupportCases", PagingStyle.PageNumber, "/v1/organizations/org_1/support/cases", "cases", "id",
            new Dictionary<string, string> { ["status"] = "open", ["search"] = "timeout", ["page_size"] = "2" },
            () => new ListSupportCasesParams { Status = SupportCaseStatus.Open, Search = "timeout", PageSize = 2 },
            (c, p, ct) => Keys(c.Support.ListSupportCasesAutoPagingAsync("org_1", (ListSupportCasesParams)p, cancellationToken: ct), x => x.Id));
    }

    private static PagedListing Token(
        string operationId,
        string path,
        string itemsProperty,
        Dictionary<string, string> filters,
        Func<object> createParameters,
        Func<PgBeamClient, object, CancellationToken, IAsyncEnumerable<string>> walk,
        string keyProperty = "id") =>
        new(operationId, PagingStyle.Token, path, itemsProperty, keyProperty, filters, createParameters, walk);

    // The walk's cancellation token goes to the auto-paging method itself, as a caller would pass it.
    private static async IAsyncEnumerable<string> Keys<T>(IAsyncEnumerable<T> items, Func<T, string> key)
    {
        await foreach (var item in items)
        {
            yield return key(item);
        }
    }
}
