using System.Collections.Generic;

namespace PgBeam.ContractTests.Calls;

/// <summary>The calls of <c>client.Migrations</c>.</summary>
internal static class MigrationsCalls
{
    public static IEnumerable<OperationCall> All() =>
    [
        OperationCall.Returning("lintMigration", CallVariant.RequiredOnly, (c, ct) =>
            c.Migrations.LintMigrationAsync(SampleIds.Project, new MigrationLintRequest { Sql = "ALTER TABLE orders ADD COLUMN note text;" }, cancellationToken: ct)),
        OperationCall.Returning("lintMigration", CallVariant.AllFields, (c, ct) =>
            c.Migrations.LintMigrationAsync(SampleIds.Project, new MigrationLintRequest { Sql = "CREATE INDEX orders_tenant ON orders (tenant_id);", DatabaseId = SampleIds.Database }, cancellationToken: ct)),
    ];
}
