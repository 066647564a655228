using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class ReplicaTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    private async Task<Database> PrimaryAsync(string projectId) => (await Client.Databases.ListDatabasesAsync(projectId)).Databases.Single();

    [Test]
    public async Task Create_registers_a_replica_of_the_primary_taking_its_ssl_mode_by_default()
    {
        var project = await CreateProjectAsync();
        var primary = await PrimaryAsync(project.Id);
        Clock.Advance(TimeSpan.FromSeconds(10));

        var replica = await Client.Projects.CreateReplicaAsync(primary.Id, new CreateReplicaRequest { Host = "replica-1.internal", Port = 6432 });
        var explicitMode = await Client.Projects.CreateReplicaAsync(primary.Id, new CreateReplicaRequest { Host = "replica-2.internal", Port = 5432, SslMode = SslMode.VerifyFull });

        Assert.That(replica.Id, Does.StartWith("rep_"));
        Assert.That(replica.DatabaseId, Is.EqualTo(primary.Id));
        Assert.That((replica.Host, replica.Port), Is.EqualTo(("replica-1.internal", 6432)));
        Assert.That(replica.SslMode, Is.EqualTo(primary.SslMode));
        Assert.That(explicitMode.SslMode, Is.EqualTo(SslMode.VerifyFull));
        Assert.That(replica.CreatedAt, Is.EqualTo(Start.AddSeconds(10)));
        Assert.That(replica.UpdatedAt, Is.EqualTo(replica.CreatedAt));
        Assert.That(replica.AdditionalProperties, Is.Empty);
    }

    [Test]
    public async Task The_same_host_and_port_twice_is_a_conflict_but_another_port_is_not()
    {
        var project = await CreateProjectAsync();
        var primary = await PrimaryAsync(project.Id);
        await Client.Projects.CreateReplicaAsync(primary.Id, new CreateReplicaRequest { Host = "replica.internal", Port = 5432 });

        var error = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Projects.CreateReplicaAsync(primary.Id, new CreateReplicaRequest { Host = "REPLICA.internal", Port = 5432 }));
        await Client.Projects.CreateReplicaAsync(primary.Id, new CreateReplicaRequest { Host = "replica.internal", Port = 6432 });

        Assert.That(error!.ErrorCode, Is.EqualTo("RESOURCE_EXISTS"));
        Assert.That((await Client.Projects.ListReplicasAsync(primary.Id)).Replicas, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_database_that_is_itself_a_replica_takes_no_replicas()
    {
        var project = await CreateProjectAsync();
        var secondary = await Client.Databases.CreateDatabaseAsync(project.Id, new CreateDatabaseRequest
        {
            Host = "ro.internal",
            Port = 5432,
            Name = "shop",
            Username = "reader",
            Password = "pw",
            Role = DatabaseRole.Replica,
        });

        var error = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Projects.CreateReplicaAsync(secondary.Id, new CreateReplicaRequest { Host = "r.internal", Port = 5432 }));

        Assert.That(error!.ErrorCode, Is.EqualTo("INVALID_STATE"));
        Assert.That((await Client.Projects.ListReplicasAsync(secondary.Id)).Replicas, Is.Empty);
    }

    [Test]
    public async Task List_shows_only_the_database_replicas_page_by_page_and_delete_removes_one()
    {
        var project = await CreateProjectAsync();
        var primary = await PrimaryAsync(project.Id);
        var other = await PrimaryAsync((await CreateProjectAsync("other")).Id);
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add((await Client.Projects.CreateReplicaAsync(primary.Id, new CreateReplicaRequest { Host = $"replica-{i}.internal", Port = 5432 })).Id);
        }

        var elsewhere = await Client.Projects.CreateReplicaAsync(other.Id, new CreateReplicaRequest { Host = "replica-0.internal", Port = 5432 });

        var first = await Client.Projects.ListReplicasAsync(primary.Id, new ListReplicasParams { PageSize = 2 });
        var second = await Client.Projects.ListReplicasAsync(primary.Id, new ListReplicasParams { PageSize = 2, PageToken = first.NextPageToken });
        await Client.Projects.DeleteReplicaAsync(primary.Id, created[1]);
        var after = await Client.Projects.ListReplicasAsync(primary.Id);

        Assert.That(first.Replicas.Concat(second.Replicas).Select(r => r.Id), Is.EqualTo(created));
        Assert.That(second.NextPageToken, Is.Null.Or.Empty);
        Assert.That(after.Replicas.Select(r => r.Id), Is.EqualTo(new[] { created[0], created[2] }));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Projects.DeleteReplicaAsync(primary.Id, created[1]));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Projects.DeleteReplicaAsync(primary.Id, elsewhere.Id));
    }

    [Test]
    public async Task Replicas_of_an_unknown_or_deleted_database_are_404()
    {
        var project = await CreateProjectAsync();
        var extra = await Client.Databases.CreateDatabaseAsync(project.Id, new CreateDatabaseRequest { Host = "db2.internal", Port = 5432, Name = "two", Username = "u", Password = "pw" });
        var replica = await Client.Projects.CreateReplicaAsync(extra.Id, new CreateReplicaRequest { Host = "r.internal", Port = 5432 });

        await Client.Databases.DeleteDatabaseAsync(project.Id, extra.Id);

        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Projects.ListReplicasAsync(extra.Id));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Projects.DeleteReplicaAsync(extra.Id, replica.Id));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Projects.CreateReplicaAsync("db_missing", new CreateReplicaRequest { Host = "r.internal", Port = 5432 }));
    }
}
