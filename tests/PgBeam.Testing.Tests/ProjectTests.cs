using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class ProjectTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public async Task Create_returns_the_project_with_defaults_and_its_primary_database()
    {
        var created = await Client.Projects.CreateProjectAsync(new CreateProjectRequest
        {
            Name = "shop",
            OrgId = Sandbox.OrganizationId,
            Description = "Orders and customers",
            Tags = ["production"],
            Database = new CreateDatabaseRequest { Host = "db.internal", Port = 5432, Name = "shop", Username = "shop_owner", Password = "s3cret-db-password" },
        });

        var project = created.Project;
        Assert.That(project.Id, Does.StartWith("prj_"));
        Assert.That(project.OrgId, Is.EqualTo(Sandbox.OrganizationId));
        Assert.That(project.Description, Is.EqualTo("Orders and customers"));
        Assert.That(project.Tags, Is.EqualTo(new[] { "production" }));
        Assert.That(project.Status, Is.EqualTo(ProjectStatus.Active));
        Assert.That(project.Cloud, Is.EqualTo(CloudProvider.Aws));
        Assert.That(project.DatabaseCount, Is.EqualTo(1));
        Assert.That(project.AgentsDisabled, Is.False);
        Assert.That(project.ProxyHost, Does.EndWith(".invalid"));
        Assert.That(project.CreatedAt, Is.EqualTo(Start));
        var database = created.Database!;
        Assert.That(database.ProjectId, Is.EqualTo(project.Id));
        Assert.That(database.Role, Is.EqualTo(DatabaseRole.Primary));
        Assert.That(database.ConnectionString, Is.EqualTo($"postgresql://shop_owner:YOUR_PASSWORD@{project.ProxyHost}:5432/shop"));
        Assert.That(database.PoolConfig.PoolMode, Is.EqualTo(PoolMode.Transaction));
        Assert.That(database.CacheConfig.Enabled, Is.True);
        Assert.That(database.AdditionalProperties, Is.Empty, "the password must never come back");
    }

    [Test]
    public async Task Get_reads_back_the_created_project()
    {
        var project = await CreateProjectAsync();

        var read = await Client.Projects.GetProjectAsync(project.Id);

        Assert.That(read.Id, Is.EqualTo(project.Id));
        Assert.That(read.Name, Is.EqualTo("shop"));
        Assert.That(read.UpdatedAt, Is.EqualTo(project.UpdatedAt));
    }

    [Test]
    public async Task List_pages_with_page_token_and_counts_the_total_of_the_organization()
    {
        var names = new[] { "e", "a", "d", "b", "c" };
        foreach (var name in names)
        {
            await CreateProjectAsync(name);
        }

        Sandbox.SeedProject();
        var other = await Client.Projects.CreateProjectAsync(new CreateProjectRequest
        {
            Name = "elsewhere",
            OrgId = "org_other",
            Database = new CreateDatabaseRequest { Host = "db", Port = 5432, Name = "db", Username = "u", Password = "p" },
        });

        var seen = new List<Project>();
        string? token = null;
        var totals = new List<int?>();
        do
        {
            var page = await Client.Projects.ListProjectsAsync(Sandbox.OrganizationId, new ListProjectsParams { PageSize = 2, PageToken = token });
            seen.AddRange(page.Projects);
            totals.Add(page.Total);
            token = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(token));

        Assert.That(seen.Select(p => p.Name), Is.EqualTo(names.Append("sandbox")));
        Assert.That(totals, Is.EqualTo(new int?[] { 6, 6, 6 }));
        Assert.That(seen.Select(p => p.Id), Does.Not.Contain(other.Project.Id));
    }

    [Test]
    public async Task List_sorts_by_name_when_asked()
    {
        foreach (var name in new[] { "charlie", "alpha", "bravo" })
        {
            await CreateProjectAsync(name);
        }

        var page = await Client.Projects.ListProjectsAsync(Sandbox.OrganizationId, new ListProjectsParams { SortBy = ListProjectsSortBy.Name, PageSize = 2 });
        var rest = await Client.Projects.ListProjectsAsync(Sandbox.OrganizationId, new ListProjectsParams { SortBy = ListProjectsSortBy.Name, PageSize = 2, PageToken = page.NextPageToken });

        Assert.That(page.Projects.Concat(rest.Projects).Select(p => p.Name), Is.EqualTo(new[] { "alpha", "bravo", "charlie" }));
        Assert.That(rest.NextPageToken, Is.Null);
    }

    [Test]
    public async Task Update_changes_only_the_fields_sent()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        Clock.Advance(TimeSpan.FromMinutes(1));

        var updated = await Client.Projects.UpdateProjectAsync(project.Id, new UpdateProjectRequest
        {
            Name = "shop-eu",
            Residency = DataResidency.Eu,
            AllowedCidrs = [new CidrEntry { Cidr = "10.0.0.0/8", Label = "VPC" }],
            DefaultPolicyProfileId = policy.Id,
        });

        Assert.That(updated.Name, Is.EqualTo("shop-eu"));
        Assert.That(updated.Residency, Is.EqualTo(DataResidency.Eu));
        Assert.That(updated.AllowedCidrs!.Single().Cidr, Is.EqualTo("10.0.0.0/8"));
        Assert.That(updated.DefaultPolicyProfileId, Is.EqualTo(policy.Id));
        Assert.That(updated.Tags, Is.EqualTo(project.Tags));
        Assert.That(updated.Status, Is.EqualTo(ProjectStatus.Active));
        Assert.That(updated.UpdatedAt, Is.EqualTo(Start.AddMinutes(1)));
        Assert.That(updated.CreatedAt, Is.EqualTo(Start));
    }

    [Test]
    public async Task Update_with_an_explicit_null_unsets_the_default_policy_profile()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        await Client.Projects.UpdateProjectAsync(project.Id, new UpdateProjectRequest { DefaultPolicyProfileId = policy.Id });

        var updated = await Client.Projects.UpdateProjectAsync(project.Id, new UpdateProjectRequest { DefaultPolicyProfileId = null });

        Assert.That(Sandbox.Requests[^1].Body, Is.EqualTo("""{"default_policy_profile_id":null}"""));
        Assert.That(updated.DefaultPolicyProfileId, Is.Null);
    }

    [Test]
    public async Task A_second_project_with_the_same_name_in_the_organization_is_a_conflict()
    {
        await CreateProjectAsync("shop");

        var error = Assert.ThrowsAsync<PgBeamConflictException>(() => CreateProjectAsync("shop"));

        Assert.That(error!.ServerMessage, Does.Contain("shop"));
    }

    [Test]
    public async Task Renaming_a_project_to_a_taken_name_is_a_validation_error_naming_the_field()
    {
        await CreateProjectAsync("shop");
        var other = await CreateProjectAsync("blog");

        var error = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Projects.UpdateProjectAsync(other.Id, new UpdateProjectRequest { Name = "shop" }));

        Assert.That(error!.ServerMessage, Does.Contain("'name'"));
    }

    [Test]
    public async Task Delete_removes_the_project_with_its_resources_and_invalidates_its_credentials()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var secrets = await CreateCredentialAsync(project.Id, policy.Id);

        await Client.Projects.DeleteProjectAsync(project.Id);

        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Projects.GetProjectAsync(project.Id));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Policies.GetPolicyProfileAsync(project.Id, policy.Id));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Projects.DeleteProjectAsync(project.Id));
        Assert.That(Sandbox.IsConnectionStringValid(secrets.ConnectionString), Is.False);
        var listed = await Client.Projects.ListProjectsAsync(Sandbox.OrganizationId);
        Assert.That(listed.Projects, Is.Empty);
        Assert.That(listed.Total, Is.Zero);
    }

    [Test]
    public void An_unknown_project_is_404_naming_it()
    {
        var error = Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Projects.GetProjectAsync("prj_missing"));

        Assert.That(error!.ErrorCode, Is.EqualTo("NOT_FOUND"));
        Assert.That(error.ServerMessage, Does.Contain("prj_missing"));
        Assert.That(error.RequestId, Does.StartWith("req_"));
    }
}
