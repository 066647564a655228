using System.Collections.Generic;

namespace PgBeam.ContractTests.Calls;

/// <summary>The calls of <c>client.Databases</c>.</summary>
internal static class DatabasesCalls
{
    public static IEnumerable<OperationCall> All() =>
    [
        OperationCall.Returning("createDatabase", CallVariant.RequiredOnly, (c, ct) =>
            c.Databases.CreateDatabaseAsync(SampleIds.Project, RequestSamples.MinimalDatabase(), cancellationToken: ct)),
        OperationCall.Returning("createDatabase", CallVariant.AllFields, (c, ct) =>
            c.Databases.CreateDatabaseAsync(SampleIds.Project, RequestSamples.CompleteDatabase(), cancellationToken: ct)),

        OperationCall.Returning("listDatabases", CallVariant.RequiredOnly, (c, ct) =>
            c.Databases.ListDatabasesAsync(SampleIds.Project, cancellationToken: ct)),
        OperationCall.Returning("listDatabases", CallVariant.AllFields, (c, ct) =>
            c.Databases.ListDatabasesAsync(SampleIds.Project, new ListDatabasesParams { PageSize = 3, PageToken = SampleIds.PageToken }, cancellationToken: ct)),

        .. OperationCall.Returning("getDatabase", (c, ct) => c.Databases.GetDatabaseAsync(SampleIds.Project, SampleIds.Database, cancellationToken: ct)),

        OperationCall.Returning("updateDatabase", CallVariant.RequiredOnly, (c, ct) =>
            c.Databases.UpdateDatabaseAsync(SampleIds.Project, SampleIds.Database, new UpdateDatabaseRequest(), cancellationToken: ct)),
        OperationCall.Returning("updateDatabase", CallVariant.AllFields, (c, ct) =>
            c.Databases.UpdateDatabaseAsync(SampleIds.Project, SampleIds.Database, new UpdateDatabaseRequest
            {
                Host = "db-2.internal.example.com",
                Port = 6432,
                Name = "app",
                Username = "pgbeam_rotated",
                Password = "n3w-s3cret",
                SslMode = SslMode.Require,
                Role = DatabaseRole.Replica,
                PoolRegion = "eu-west-1",
                QueryTimeoutMs = 0,
                AutoReadRouting = false,
                CacheConfig = RequestSamples.CompleteCache(),
                PoolConfig = RequestSamples.CompletePool(),
            }, cancellationToken: ct)),

        .. OperationCall.WithoutBody("deleteDatabase", (c, ct) => c.Databases.DeleteDatabaseAsync(SampleIds.Project, SampleIds.Database, cancellationToken: ct)),
        .. OperationCall.Returning("testDatabaseConnection", (c, ct) => c.Databases.TestDatabaseConnectionAsync(SampleIds.Project, SampleIds.Database, cancellationToken: ct)),
        .. OperationCall.Returning("scanDatabaseForPii", (c, ct) => c.Databases.ScanDatabaseForPiiAsync(SampleIds.Project, SampleIds.Database, cancellationToken: ct)),
        .. OperationCall.Returning("getSchemaCatalog", (c, ct) => c.Databases.GetSchemaCatalogAsync(SampleIds.Project, SampleIds.Database, cancellationToken: ct)),
    ];
}
