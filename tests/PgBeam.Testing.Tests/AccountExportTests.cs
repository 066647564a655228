using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>The account export, computed from what the sandbox holds.</summary>
[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class AccountExportTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public async Task The_export_holds_the_user_organizations_projects_databases_and_audit_entries()
    {
        var project = await CreateProjectAsync("shop");
        await Client.Databases.CreateDatabaseAsync(project.Id, new CreateDatabaseRequest { Host = "replica.internal", Port = 6432, Name = "shop", Username = "reader", Password = "replica-password", Role = DatabaseRole.Replica });
        var gone = await CreateProjectAsync("gone");
        await Client.Projects.DeleteProjectAsync(gone.Id);
        Sandbox.SeedAuditEntries(project.Id, 3);
        Clock.Advance(System.TimeSpan.FromMinutes(1));

        var export = await Client.Account.ExportAccountDataAsync();

        var owner = (await Client.Account.ListOrgMembersAsync(Sandbox.OrganizationId)).Members.Single();
        Assert.That(export.User.Id, Is.EqualTo(owner.UserId));
        Assert.That(export.User.Email, Is.EqualTo(owner.Email));
        Assert.That(export.Organizations.Single().Id, Is.EqualTo(Sandbox.OrganizationId));
        Assert.That(export.Organizations.Single().Role, Is.EqualTo("owner"));
        Assert.That(export.Projects.Select(p => p.Id), Is.EqualTo(new[] { project.Id }), "deleted projects are not held");
        Assert.That(export.Databases.Select(d => (d.Host, d.Port, d.Role)), Is.EqualTo(new[] { ("db.internal", 5432, "primary"), ("replica.internal", 6432, "replica") }));
        Assert.That(export.AuditLogs, Has.Count.EqualTo(3));
        Assert.That(export.AuditLogs.Select(a => a.CreatedAt), Is.Ordered.Descending);
        Assert.That(export.ExportedAt, Is.EqualTo(Start.AddMinutes(1)));
    }

    [Test]
    public async Task The_export_never_carries_a_password_or_secret()
    {
        var project = await CreateProjectAsync();
        var secrets = await CreateCredentialAsync(project.Id, (await CreatePolicyAsync(project.Id)).Id);

        var response = await Client.Account.ExportAccountDataWithResponseAsync();
        var raw = Newtonsoft.Json.JsonConvert.SerializeObject(response.Value);

        Assert.That(raw, Does.Not.Contain("s3cret-db-password"));
        Assert.That(raw, Does.Not.Contain(secrets.McpToken));
        Assert.That(raw, Does.Not.Contain(secrets.ConnectionString));
    }
}
