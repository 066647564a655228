using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>Connection test, schema catalog and PII scan: computed from the stored database and the sandbox's sample schema.</summary>
[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class DatabaseInspectionTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    private async Task<(string ProjectId, string DatabaseId)> DatabaseAsync(string host = "db.internal")
    {
        var project = await CreateProjectAsync();
        var database = await Client.Databases.CreateDatabaseAsync(project.Id, new CreateDatabaseRequest { Host = host, Port = 5432, Name = "shop", Username = "u", Password = "pw" });
        return (project.Id, database.Id);
    }

    [Test]
    public async Task A_reachable_database_passes_the_connection_test()
    {
        var (projectId, databaseId) = await DatabaseAsync();

        var result = await Client.Databases.TestDatabaseConnectionAsync(projectId, databaseId);

        Assert.That(result.Ok, Is.True);
        Assert.That(result.LatencyMs, Is.GreaterThan(0));
        Assert.That(result.ServerVersion, Does.StartWith("PostgreSQL "));
        Assert.That(result.Error, Is.Null);
    }

    [Test]
    public async Task A_host_under_dot_invalid_never_resolves_so_every_report_says_so()
    {
        var (projectId, databaseId) = await DatabaseAsync("db.example.invalid");

        var test = await Client.Databases.TestDatabaseConnectionAsync(projectId, databaseId);
        var catalog = await Client.Databases.GetSchemaCatalogAsync(projectId, databaseId);
        var scan = await Client.Databases.ScanDatabaseForPiiAsync(projectId, databaseId);

        Assert.That(test.Ok, Is.False);
        Assert.That(test.LatencyMs, Is.Null);
        Assert.That(test.Error, Does.Contain("db.example.invalid").And.Not.Contain("pw"));
        Assert.That((catalog.ScannedRelations, catalog.ScannedColumns), Is.EqualTo((0, 0)));
        Assert.That(catalog.Relations, Is.Empty);
        Assert.That(catalog.Error, Is.EqualTo(test.Error));
        Assert.That(scan.Suggestions, Is.Empty);
        Assert.That(scan.ScannedTables, Is.Zero);
        Assert.That(scan.Error, Is.EqualTo(test.Error));
    }

    [Test]
    public async Task A_database_fixed_later_passes_the_test_it_failed()
    {
        var (projectId, databaseId) = await DatabaseAsync("db.example.invalid");
        var before = await Client.Databases.TestDatabaseConnectionAsync(projectId, databaseId);

        await Client.Databases.UpdateDatabaseAsync(projectId, databaseId, new UpdateDatabaseRequest { Host = "db.example.com" });
        var after = await Client.Databases.TestDatabaseConnectionAsync(projectId, databaseId);

        Assert.That((before.Ok, after.Ok), Is.EqualTo((false, true)));
    }

    [Test]
    public async Task The_catalog_lists_the_sample_relations_by_schema_then_name_with_consistent_counts()
    {
        var (projectId, databaseId) = await DatabaseAsync();

        var catalog = await Client.Databases.GetSchemaCatalogAsync(projectId, databaseId);

        var names = catalog.Relations.Select(r => (r.Schema, r.Name)).ToList();
        Assert.That(names, Is.EqualTo(names.OrderBy(n => n.Schema, System.StringComparer.Ordinal).ThenBy(n => n.Name, System.StringComparer.Ordinal)));
        Assert.That(catalog.ScannedRelations, Is.EqualTo(catalog.Relations.Count));
        Assert.That(catalog.ScannedColumns, Is.EqualTo(catalog.Relations.Sum(r => r.Columns.Count)));
        Assert.That(catalog.Relations.Single(r => r.Name == "active_users").Kind, Is.EqualTo(SchemaCatalogRelationKind.View));
        Assert.That(catalog.Relations.Single(r => r.Name == "daily_revenue").Kind, Is.EqualTo(SchemaCatalogRelationKind.MaterializedView));
        Assert.That(catalog.Relations.Single(r => r.Name == "users").Columns.Select(c => c.Name), Does.Contain("email"));
        var binary = catalog.Relations.SelectMany(r => r.Columns).Where(c => c.IsBinary).Select(c => c.DataType).Distinct();
        Assert.That(binary, Is.EqualTo(new[] { "bytea" }));
        Assert.That(catalog.Error, Is.Null);
    }

    [Test]
    public async Task The_pii_scan_flags_catalog_columns_by_name_strongest_first()
    {
        var (projectId, databaseId) = await DatabaseAsync();

        var catalog = await Client.Databases.GetSchemaCatalogAsync(projectId, databaseId);
        var scan = await Client.Databases.ScanDatabaseForPiiAsync(projectId, databaseId);

        var tables = catalog.Relations.Where(r => r.Kind == SchemaCatalogRelationKind.Table).ToList();
        Assert.That(scan.ScannedTables, Is.EqualTo(tables.Count));
        Assert.That(scan.ScannedColumns, Is.EqualTo(tables.Sum(t => t.Columns.Count)));
        Assert.That(scan.Suggestions.Select(s => s.Confidence), Is.Ordered.Descending);
        foreach (var suggestion in scan.Suggestions)
        {
            var column = tables.Single(t => t.Schema == suggestion.Schema && t.Name == suggestion.Table).Columns.Single(c => c.Name == suggestion.Column);
            Assert.That(suggestion.DataType, Is.EqualTo(column.DataType));
            Assert.That(suggestion.Reasons, Is.Not.Empty);
            if (column.IsBinary)
            {
                Assert.That(suggestion.MaskKind, Is.EqualTo(MaskKind.Null));
            }
        }

        var flagged = scan.Suggestions.ToDictionary(s => s.Table + "." + s.Column, s => (s.PiiType, s.MaskKind));
        Assert.That(flagged["users.email"], Is.EqualTo((PiiType.Email, MaskKind.Hash)));
        Assert.That(flagged["users.phone"], Is.EqualTo((PiiType.Phone, MaskKind.Redact)));
        Assert.That(flagged["employees.ssn"], Is.EqualTo((PiiType.Ssn, MaskKind.Null)));
        Assert.That(flagged["payments.card_number"], Is.EqualTo((PiiType.CreditCard, MaskKind.Null)));
        Assert.That(flagged["sessions.token"], Is.EqualTo((PiiType.ApiSecret, MaskKind.Null)));
        Assert.That(flagged.Keys, Has.None.StartWith("active_users."), "views are not scanned");
        Assert.That(flagged.Keys, Has.None.EndWith(".id").And.None.EndWith(".status"));
    }

    [Test]
    public async Task Reports_on_an_unknown_database_or_project_are_404()
    {
        var (projectId, _) = await DatabaseAsync();

        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Databases.TestDatabaseConnectionAsync(projectId, "db_missing"));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Databases.GetSchemaCatalogAsync(projectId, "db_missing"));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Databases.ScanDatabaseForPiiAsync("prj_missing", "db_missing"));
    }
}
