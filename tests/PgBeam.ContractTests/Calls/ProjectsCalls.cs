using System.Collections.Generic;

namespace PgBeam.ContractTests.Calls;

/// <summary>The calls of <c>client.Projects</c>: projects, cache rules, custom domains, metrics and replicas.</summary>
internal static class ProjectsCalls
{
    public static IEnumerable<OperationCall> All() =>
    [
        OperationCall.Returning("listCacheRules", CallVariant.RequiredOnly, (c, ct) =>
            c.Projects.ListCacheRulesAsync(SampleIds.Project, SampleIds.Database, cancellationToken: ct)),
        OperationCall.Returning("listCacheRules", CallVariant.AllFields, (c, ct) =>
            c.Projects.ListCacheRulesAsync(SampleIds.Project, SampleIds.Database, new ListCacheRulesParams { PageSize = 100, PageToken = SampleIds.PageToken }, cancellationToken: ct)),

        OperationCall.Returning("updateCacheRule", CallVariant.RequiredOnly, (c, ct) =>
            c.Projects.UpdateCacheRuleAsync(SampleIds.Project, SampleIds.Database, SampleIds.QueryHash, new UpdateCacheRuleRequest { CacheEnabled = true }, cancellationToken: ct)),
        OperationCall.Returning("updateCacheRule", CallVariant.AllFields, (c, ct) =>
            c.Projects.UpdateCacheRuleAsync(SampleIds.Project, SampleIds.Database, SampleIds.QueryHash, new UpdateCacheRuleRequest { CacheEnabled = true, CacheTtlSeconds = 300, CacheSwrSeconds = 60 }, cancellationToken: ct)),
        OperationCall.Returning("updateCacheRule", CallVariant.ExplicitNulls, (c, ct) =>
            c.Projects.UpdateCacheRuleAsync(SampleIds.Project, SampleIds.Database, SampleIds.QueryHash, new UpdateCacheRuleRequest { CacheEnabled = false, CacheTtlSeconds = null, CacheSwrSeconds = null }, cancellationToken: ct)),

        .. OperationCall.Returning("createCustomDomain", (c, ct) =>
            c.Projects.CreateCustomDomainAsync(SampleIds.Project, new CreateCustomDomainRequest { Domain = "db.example.com" }, cancellationToken: ct)),

        OperationCall.Returning("listCustomDomains", CallVariant.RequiredOnly, (c, ct) =>
            c.Projects.ListCustomDomainsAsync(SampleIds.Project, cancellationToken: ct)),
        OperationCall.Returning("listCustomDomains", CallVariant.AllFields, (c, ct) =>
            c.Projects.ListCustomDomainsAsync(SampleIds.Project, new ListCustomDomainsParams { PageSize = 20, PageToken = SampleIds.PageToken }, cancellationToken: ct)),

        .. OperationCall.WithoutBody("deleteCustomDomain", (c, ct) => c.Projects.DeleteCustomDomainAsync(SampleIds.Project, SampleIds.Domain, cancellationToken: ct)),
        .. OperationCall.Returning("verifyCustomDomain", (c, ct) => c.Projects.VerifyCustomDomainAsync(SampleIds.Project, SampleIds.Domain, cancellationToken: ct)),

        OperationCall.Returning("createProject", CallVariant.RequiredOnly, (c, ct) =>
            c.Projects.CreateProjectAsync(new CreateProjectRequest { Name = "analytics", OrgId = SampleIds.Org, Database = RequestSamples.MinimalDatabase() }, cancellationToken: ct)),
        OperationCall.Returning("createProject", CallVariant.AllFields, (c, ct) =>
            c.Projects.CreateProjectAsync(new CreateProjectRequest
            {
                Name = "analytics",
                OrgId = SampleIds.Org,
                Description = "Read replicas for the analytics team.",
                Tags = ["analytics", "prod"],
                Cloud = CloudProvider.Aws,
                SelfHosted = false,
                Database = RequestSamples.CompleteDatabase(),
            }, cancellationToken: ct)),

        OperationCall.Returning("listProjects", CallVariant.RequiredOnly, (c, ct) =>
            c.Projects.ListProjectsAsync(SampleIds.Org, cancellationToken: ct)),
        OperationCall.Returning("listProjects", CallVariant.AllFields, (c, ct) =>
            c.Projects.ListProjectsAsync(SampleIds.Org, new ListProjectsParams { PageSize = 10, PageToken = SampleIds.PageToken, SortBy = ListProjectsSortBy.ActiveConnections }, cancellationToken: ct)),

        .. OperationCall.Returning("getProject", (c, ct) => c.Projects.GetProjectAsync(SampleIds.Project, cancellationToken: ct)),

        OperationCall.Returning("updateProject", CallVariant.RequiredOnly, (c, ct) =>
            c.Projects.UpdateProjectAsync(SampleIds.Project, new UpdateProjectRequest(), cancellationToken: ct)),
        OperationCall.Returning("updateProject", CallVariant.AllFields, (c, ct) =>
            c.Projects.UpdateProjectAsync(SampleIds.Project, new UpdateProjectRequest
            {
                Name = "analytics-eu",
                Description = "Moved to the EU.",
                Tags = ["analytics"],
                Status = ProjectStatus.Active,
                AllowedCidrs = [new CidrEntry { Cidr = "10.0.0.0/8", Label = "office VPN" }],
                DefaultPolicyProfileId = SampleIds.Policy,
                Residency = DataResidency.Eu,
                AgentsDisabled = false,
            }, cancellationToken: ct)),
        OperationCall.Returning("updateProject", CallVariant.ExplicitNulls, (c, ct) =>
            c.Projects.UpdateProjectAsync(SampleIds.Project, new UpdateProjectRequest { DefaultPolicyProfileId = null }, cancellationToken: ct)),

        .. OperationCall.WithoutBody("deleteProject", (c, ct) => c.Projects.DeleteProjectAsync(SampleIds.Project, cancellationToken: ct)),

        OperationCall.Returning("getProjectMetrics", CallVariant.RequiredOnly, (c, ct) =>
            c.Projects.GetProjectMetricsAsync(SampleIds.Project, cancellationToken: ct)),
        OperationCall.Returning("getProjectMetrics", CallVariant.AllFields, (c, ct) =>
            c.Projects.GetProjectMetricsAsync(SampleIds.Project, new GetProjectMetricsParams { Limit = 1000, Region = "eu-west-1" }, cancellationToken: ct)),

        .. OperationCall.Returning("listReplicas", (c, ct) => c.Projects.ListReplicasAsync(SampleIds.Database, cancellationToken: ct)),

        OperationCall.Returning("createReplica", CallVariant.RequiredOnly, (c, ct) =>
            c.Projects.CreateReplicaAsync(SampleIds.Database, new CreateReplicaRequest { Host = "replica-1.internal.example.com", Port = 5433 }, cancellationToken: ct)),
        OperationCall.Returning("createReplica", CallVariant.AllFields, (c, ct) =>
            c.Projects.CreateReplicaAsync(SampleIds.Database, new CreateReplicaRequest { Host = "replica-1.internal.example.com", Port = 5433, SslMode = SslMode.Require }, cancellationToken: ct)),

        .. OperationCall.WithoutBody("deleteReplica", (c, ct) => c.Projects.DeleteReplicaAsync(SampleIds.Database, SampleIds.Replica, cancellationToken: ct)),
    ];
}
