using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class DatabaseTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    private static CreateDatabaseRequest Replica(string name) => new()
    {
        Host = "replica.internal",
        Port = 6432,
        Name = name,
        Username = "reader",
        Password = "replica-password",
        Role = DatabaseRole.Replica,
        SslMode = SslMode.VerifyFull,
        PoolConfig = new PoolConfig { PoolSize = 20, MinPoolSize = 2, PoolMode = PoolMode.Session },
    };

    [Test]
    public async Task Create_stores_what_was_sent_and_fills_the_rest_with_defaults()
    {
        var project = await CreateProjectAsync();

        var database = await Client.Databases.CreateDatabaseAsync(project.Id, Replica("reports"));

        Assert.That(database.Id, Does.StartWith("db_"));
        Assert.That(database.Role, Is.EqualTo(DatabaseRole.Replica));
        Assert.That(database.SslMode, Is.EqualTo(SslMode.VerifyFull));
        Assert.That(database.Port, Is.EqualTo(6432));
        Assert.That(database.PoolConfig.PoolSize, Is.EqualTo(20));
        Assert.That(database.CacheConfig.TtlSeconds, Is.EqualTo(60));
        Assert.That(database.QueryTimeoutMs, Is.Zero);
        Assert.That(database.AdditionalProperties, Is.Empty);
        Assert.That((await Client.Projects.GetProjectAsync(project.Id)).DatabaseCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Get_list_update_and_delete_work_on_the_stored_database()
    {
        var project = await CreateProjectAsync();
        var database = await Client.Databases.CreateDatabaseAsync(project.Id, Replica("reports"));
        Clock.Advance(TimeSpan.FromSeconds(30));

        var read = await Client.Databases.GetDatabaseAsync(project.Id, database.Id);
        var updated = await Client.Databases.UpdateDatabaseAsync(project.Id, database.Id, new UpdateDatabaseRequest { Username = "analyst", QueryTimeoutMs = 5000 });
        await Client.Databases.DeleteDatabaseAsync(project.Id, database.Id);

        Assert.That(read.Host, Is.EqualTo("replica.internal"));
        Assert.That(updated.Username, Is.EqualTo("analyst"));
        Assert.That(updated.QueryTimeoutMs, Is.EqualTo(5000));
        Assert.That(updated.Host, Is.EqualTo("replica.internal"));
        Assert.That(updated.ConnectionString, Does.StartWith("postgresql://analyst:YOUR_PASSWORD@"));
        Assert.That(updated.UpdatedAt, Is.EqualTo(Start.AddSeconds(30)));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Databases.GetDatabaseAsync(project.Id, database.Id));
        Assert.That((await Client.Databases.ListDatabasesAsync(project.Id)).Databases, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task List_pages_through_the_databases_of_the_project_only()
    {
        var project = await CreateProjectAsync("one");
        var other = await CreateProjectAsync("two");
        var expected = new List<string> { (await Client.Databases.ListDatabasesAsync(project.Id)).Databases.Single().Id };
        for (var i = 0; i < 3; i++)
        {
            expected.Add((await Client.Databases.CreateDatabaseAsync(project.Id, Replica($"replica{i}"))).Id);
        }

        await Client.Databases.CreateDatabaseAsync(other.Id, Replica("elsewhere"));

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await Client.Databases.ListDatabasesAsync(project.Id, new ListDatabasesParams { PageSize = 3, PageToken = token });
            seen.AddRange(page.Databases.Select(d => d.Id));
            token = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(token));

        Assert.That(seen, Is.EqualTo(expected));
    }

    [Test]
    public async Task A_database_of_another_project_is_404()
    {
        var project = await CreateProjectAsync("one");
        var other = await CreateProjectAsync("two");
        var database = await Client.Databases.CreateDatabaseAsync(other.Id, Replica("theirs"));

        var error = Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Databases.GetDatabaseAsync(project.Id, database.Id));

        Assert.That(error!.ServerMessage, Does.Contain(database.Id).And.Contain(project.Id));
    }

    [Test]
    public void Databases_of_an_unknown_project_are_404()
    {
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Databases.ListDatabasesAsync("prj_missing"));
    }
}
