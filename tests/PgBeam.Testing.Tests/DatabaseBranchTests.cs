using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class DatabaseBranchTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public async Task A_seeded_branch_is_listed_with_the_values_filled_in()
    {
        var project = await CreateProjectAsync();
        var database = (await Client.Databases.ListDatabasesAsync(project.Id)).Databases.Single();

        var seeded = Sandbox.SeedDatabaseBranch(project.Id);
        var listed = (await Client.Branches.ListDatabaseBranchesAsync(project.Id)).Branches.Single();

        Assert.That(seeded.Id, Does.StartWith("brn_"));
        Assert.That(listed.Id, Is.EqualTo(seeded.Id));
        Assert.That(listed.DatabaseId, Is.EqualTo(database.Id));
        Assert.That(listed.Status, Is.EqualTo(DatabaseBranchStatus.Ready));
        Assert.That(listed.BranchName, Does.StartWith("shop_sbx_"));
        Assert.That(listed.CreatedAt, Is.EqualTo(Start));
        Assert.That(listed.ExpiresAt, Is.EqualTo(Start.AddHours(1)));
        Assert.That(listed.DiscardedAt, Is.Null);
        Assert.That(listed.CredentialId, Is.Null);
        Assert.That(listed.AdditionalProperties, Is.Empty);
    }

    [Test]
    public async Task Discard_marks_the_branch_discarded_once_and_the_status_filter_sees_it()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var agent = await CreateCredentialAsync(project.Id, policy.Id);
        var kept = Sandbox.SeedDatabaseBranch(project.Id, new DatabaseBranch { CredentialId = agent.Credential.Id });
        var thrown = Sandbox.SeedDatabaseBranch(project.Id);
        Clock.Advance(TimeSpan.FromMinutes(3));

        await Client.Branches.DiscardDatabaseBranchAsync(project.Id, thrown.Id);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await Client.Branches.DiscardDatabaseBranchAsync(project.Id, thrown.Id);

        var discarded = (await Client.Branches.ListDatabaseBranchesAsync(project.Id, new ListDatabaseBranchesParams { Status = DatabaseBranchStatus.Discarded })).Branches;
        var ready = (await Client.Branches.ListDatabaseBranchesAsync(project.Id, new ListDatabaseBranchesParams { Status = DatabaseBranchStatus.Ready })).Branches;
        Assert.That(discarded.Select(b => (b.Id, b.DiscardedAt)), Is.EqualTo(new[] { (thrown.Id, (DateTimeOffset?)Start.AddMinutes(3)) }));
        Assert.That(ready.Select(b => (b.Id, b.CredentialId)), Is.EqualTo(new[] { (kept.Id, (string?)agent.Credential.Id) }));
        Assert.That((await Client.Branches.ListDatabaseBranchesAsync(project.Id)).Branches, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Branches_belong_to_their_project_and_unknown_ones_are_404()
    {
        var project = await CreateProjectAsync("one");
        var other = await CreateProjectAsync("two");
        var branch = Sandbox.SeedDatabaseBranch(project.Id);

        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Branches.DiscardDatabaseBranchAsync(other.Id, branch.Id));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Branches.DiscardDatabaseBranchAsync(project.Id, "brn_missing"));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Branches.ListDatabaseBranchesAsync("prj_missing"));
        Assert.That((await Client.Branches.ListDatabaseBranchesAsync(other.Id)).Branches, Is.Empty);
        Assert.That((await Client.Branches.ListDatabaseBranchesAsync(project.Id)).Branches.Single().Status, Is.EqualTo(DatabaseBranchStatus.Ready));
    }

    [Test]
    public async Task List_pages_through_the_branches_in_creation_order()
    {
        var project = await CreateProjectAsync();
        var seeded = Enumerable.Range(0, 5).Select(_ => Sandbox.SeedDatabaseBranch(project.Id, new DatabaseBranch { Status = DatabaseBranchStatus.Pending }).Id).ToList();

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await Client.Branches.ListDatabaseBranchesAsync(project.Id, new ListDatabaseBranchesParams { PageSize = 2, PageToken = token, Status = DatabaseBranchStatus.Pending });
            seen.AddRange(page.Branches.Select(b => b.Id));
            token = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken;
        }
        while (token is not null);

        Assert.That(seen, Is.EqualTo(seeded));
    }

    [Test]
    public async Task Seeding_checks_the_project_database_and_credential()
    {
        var project = await CreateProjectAsync("one");
        var other = await CreateProjectAsync("two");
        var foreignDatabase = (await Client.Databases.ListDatabasesAsync(other.Id)).Databases.Single();

        Assert.Throws<ArgumentException>(() => Sandbox.SeedDatabaseBranch("prj_missing"));
        Assert.Throws<ArgumentException>(() => Sandbox.SeedDatabaseBranch(project.Id, new DatabaseBranch { DatabaseId = foreignDatabase.Id }));
        Assert.Throws<ArgumentException>(() => Sandbox.SeedDatabaseBranch(project.Id, new DatabaseBranch { CredentialId = "agt_missing" }));
        var error = Sandbox.SeedDatabaseBranch(project.Id, new DatabaseBranch { Status = DatabaseBranchStatus.Error, Error = "clone failed", ExpiresAt = null });
        var listed = (await Client.Branches.ListDatabaseBranchesAsync(project.Id)).Branches.Single();
        Assert.That((listed.Id, listed.Status, listed.Error, listed.ExpiresAt), Is.EqualTo((error.Id, DatabaseBranchStatus.Error, "clone failed", (DateTimeOffset?)null)));
    }
}
