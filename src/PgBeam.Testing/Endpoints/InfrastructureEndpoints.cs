using System;
using System.Collections.Generic;
using PgBeam.Testing.Routing;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// A project's infrastructure: database branches, cache rules, connection tests, PII scans, the schema catalog and its annotations, replicas, custom domains and self-host enrollments.
/// </summary>
internal static class InfrastructureEndpoints
{
    /// <summary>The operations of this group, by operation id.</summary>
    public static readonly IReadOnlyDictionary<string, Func<SandboxCall, SandboxResult>> Routes = new Dictionary<string, Func<SandboxCall, SandboxResult>>(StringComparer.Ordinal)
    {
        ["listDatabaseBranches"] = DatabaseBranchesApi.List,
        ["discardDatabaseBranch"] = DatabaseBranchesApi.Discard,

        ["listCacheRules"] = CacheRulesApi.List,
        ["updateCacheRule"] = CacheRulesApi.Update,

        ["testDatabaseConnection"] = DatabaseInspectionApi.TestConnection,
        ["scanDatabaseForPii"] = DatabaseInspectionApi.ScanPii,
        ["getSchemaCatalog"] = DatabaseInspectionApi.SchemaCatalog,

        ["createCustomDomain"] = CustomDomainsApi.Create,
        ["listCustomDomains"] = CustomDomainsApi.List,
        ["deleteCustomDomain"] = CustomDomainsApi.Delete,
        ["verifyCustomDomain"] = CustomDomainsApi.Verify,

        ["listReplicas"] = ReplicasApi.List,
        ["createReplica"] = ReplicasApi.Create,
        ["deleteReplica"] = ReplicasApi.Delete,

        ["listSchemaAnnotations"] = SchemaAnnotationsApi.List,
        ["putSchemaAnnotation"] = SchemaAnnotationsApi.Put,
        ["deleteSchemaAnnotation"] = SchemaAnnotationsApi.Delete,

        ["createSelfHostEnrollment"] = SelfHostEnrollmentsApi.Create,
        ["listSelfHostEnrollments"] = SelfHostEnrollmentsApi.List,
        ["revokeSelfHostEnrollment"] = SelfHostEnrollmentsApi.Revoke,
        ["rotateSelfHostEnrollment"] = SelfHostEnrollmentsApi.Rotate,
    };
}
