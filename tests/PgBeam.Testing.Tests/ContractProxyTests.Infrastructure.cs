using System.Linq;
using System.Threading.Tasks;

namespace PgBeam.Testing.Tests;

/// <summary>The part of the tour through Prism that calls every operation of <c>InfrastructureEndpoints</c>.</summary>
public partial class ContractProxyTests
{
    private async Task TourInfrastructureAsync(string projectId)
    {
        var branch = Sandbox.SeedDatabaseBranch(projectId);
        await Client.Branches.ListDatabaseBranchesAsync(projectId, new ListDatabaseBranchesParams { Status = DatabaseBranchStatus.Ready });
        await Client.Branches.DiscardDatabaseBranchAsync(projectId, branch.Id);

        var domain = await Client.Projects.CreateCustomDomainAsync(projectId, new CreateCustomDomainRequest { Domain = "db.tour.example.com" });
        await Client.Projects.ListCustomDomainsAsync(projectId);
        Sandbox.PublishDnsTxtRecord(domain.DnsInstructions!.TxtHost!, domain.DnsInstructions.TxtValue!);
        await Client.Projects.VerifyCustomDomainAsync(projectId, domain.Id);
        await Client.Projects.DeleteCustomDomainAsync(projectId, domain.Id);

        var primary = (await Client.Databases.ListDatabasesAsync(projectId)).Databases.First(d => d.Role == DatabaseRole.Primary);
        var replica = await Client.Projects.CreateReplicaAsync(primary.Id, new CreateReplicaRequest { Host = "replica.tour", Port = 5432 });
        await Client.Projects.ListReplicasAsync(primary.Id);
        await Client.Projects.DeleteReplicaAsync(primary.Id, replica.Id);

        await Client.Databases.TestDatabaseConnectionAsync(projectId, primary.Id);
        await Client.Databases.GetSchemaCatalogAsync(projectId, primary.Id);
        await Client.Databases.ScanDatabaseForPiiAsync(projectId, primary.Id);
        var rule = (await Client.Projects.ListCacheRulesAsync(projectId, primary.Id)).Entries.First(e => e.QueryType == CacheRuleQueryType.Read);
        await Client.Projects.UpdateCacheRuleAsync(projectId, primary.Id, rule.QueryHash, new UpdateCacheRuleRequest { CacheEnabled = true, CacheTtlSeconds = 300 });

        await Client.SchemaAnnotations.PutSchemaAnnotationAsync(projectId, new SchemaAnnotationInput { SchemaName = "public", TableName = "users", ColumnName = "email", Description = "Login e-mail." });
        await Client.SchemaAnnotations.ListSchemaAnnotationsAsync(projectId);
        await Client.SchemaAnnotations.DeleteSchemaAnnotationAsync(projectId, "users", new DeleteSchemaAnnotationParams { SchemaName = "public", ColumnName = "email" });

        var enrollment = await Client.Platform.CreateSelfHostEnrollmentAsync(Sandbox.OrganizationId, new CreateSelfHostEnrollmentRequest { RegionLabel = "tour" });
        await Client.Platform.ListSelfHostEnrollmentsAsync(Sandbox.OrganizationId);
        await Client.Platform.RotateSelfHostEnrollmentAsync(Sandbox.OrganizationId, enrollment.Enrollment.Id);
        await Client.Platform.RevokeSelfHostEnrollmentAsync(Sandbox.OrganizationId, enrollment.Enrollment.Id);
    }
}
