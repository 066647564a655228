using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class PolicyProfileTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public async Task Create_with_only_a_name_gets_the_contract_defaults()
    {
        var project = await CreateProjectAsync();

        var policy = await Client.Policies.CreatePolicyProfileAsync(project.Id, new PolicyProfileInput { Name = "minimal" });

        Assert.That(policy.Id, Does.StartWith("pol_"));
        Assert.That(policy.ProjectId, Is.EqualTo(project.Id));
        Assert.That(policy.AccessMode, Is.EqualTo(PolicyProfileAccessMode.ReadOnly));
        Assert.That(policy.WriteMode, Is.EqualTo(PolicyProfileWriteMode.Normal));
        Assert.That(policy.ApprovalMode, Is.EqualTo(PolicyProfileApprovalMode.Off));
        Assert.That(policy.MigrationSafety, Is.EqualTo(PolicyProfileMigrationSafety.Off));
        Assert.That(policy.ApprovalTimeoutSeconds, Is.EqualTo(300));
        Assert.That(policy.MaxRows, Is.Zero);
        Assert.That(policy.TableAllowlist, Is.Empty);
        Assert.That(policy.TableDenylist, Is.Empty);
        Assert.That(policy.MaskingRules, Is.Empty);
        Assert.That(policy.CreatedAt, Is.EqualTo(Start));
    }

    [Test]
    public async Task Create_keeps_every_field_that_was_sent()
    {
        var project = await CreateProjectAsync();

        var policy = await Client.Policies.CreatePolicyProfileAsync(project.Id, new PolicyProfileInput
        {
            Name = "support-agent",
            AccessMode = PolicyProfileAccessMode.ReadWrite,
            StatementRules = new StatementRules { Allow = ["select", "update"], Deny = ["ddl"] },
            TableAllowlist = ["public.orders", "public.customers"],
            TableDenylist = ["public.secrets"],
            MaskingRules = [new MaskingRule { Table = "customers", Column = "email", Kind = MaskKind.Hash }],
            RowFilters = [new RowFilter { Table = "orders", Predicate = "tenant_id = 42" }],
            MaxRows = 1000,
            BudgetQueriesPerHour = 600,
            ApprovalMode = PolicyProfileApprovalMode.Writes,
            ApprovalTimeoutSeconds = 900,
            EgressBytesPerDay = 10_000_000_000,
        });
        var read = await Client.Policies.GetPolicyProfileAsync(project.Id, policy.Id);

        Assert.That(read.AccessMode, Is.EqualTo(PolicyProfileAccessMode.ReadWrite));
        Assert.That(read.StatementRules!.Deny, Is.EqualTo(new[] { "ddl" }));
        Assert.That(read.TableAllowlist, Is.EqualTo(new[] { "public.orders", "public.customers" }));
        Assert.That(read.MaskingRules.Single().Kind, Is.EqualTo(MaskKind.Hash));
        Assert.That(read.RowFilters!.Single().Predicate, Is.EqualTo("tenant_id = 42"));
        Assert.That(read.MaxRows, Is.EqualTo(1000));
        Assert.That(read.ApprovalTimeoutSeconds, Is.EqualTo(900));
        Assert.That(read.EgressBytesPerDay, Is.EqualTo(10_000_000_000));
    }

    [Test]
    public async Task Update_replaces_the_whole_profile()
    {
        var project = await CreateProjectAsync();
        var policy = await Client.Policies.CreatePolicyProfileAsync(project.Id, new PolicyProfileInput { Name = "capped", MaxRows = 1000, TableDenylist = ["secrets"] });
        Clock.Advance(TimeSpan.FromMinutes(2));

        var updated = await Client.Policies.UpdatePolicyProfileAsync(project.Id, policy.Id, new PolicyProfileInput { Name = "renamed", AccessMode = PolicyProfileAccessMode.ReadWrite });

        Assert.That(updated.Id, Is.EqualTo(policy.Id));
        Assert.That(updated.Name, Is.EqualTo("renamed"));
        Assert.That(updated.MaxRows, Is.Zero, "PUT replaces: a field left out takes its default again");
        Assert.That(updated.TableDenylist, Is.Empty);
        Assert.That(updated.AccessMode, Is.EqualTo(PolicyProfileAccessMode.ReadWrite));
        Assert.That(updated.CreatedAt, Is.EqualTo(Start));
        Assert.That(updated.UpdatedAt, Is.EqualTo(Start.AddMinutes(2)));
    }

    [Test]
    public async Task A_duplicate_name_is_a_conflict_on_create_and_a_validation_error_on_update()
    {
        var project = await CreateProjectAsync();
        var taken = await CreatePolicyAsync(project.Id, "taken");
        var other = await CreatePolicyAsync(project.Id, "free");

        // The contract declares 409 for createPolicyProfile but not for updatePolicyProfile.
        Assert.ThrowsAsync<PgBeamConflictException>(() => CreatePolicyAsync(project.Id, "taken"));
        var error = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Policies.UpdatePolicyProfileAsync(project.Id, other.Id, new PolicyProfileInput { Name = "taken" }));

        Assert.That(error!.ServerMessage, Does.Contain("'name'").And.Contain(taken.Id));
        Assert.That((await Client.Policies.GetPolicyProfileAsync(project.Id, other.Id)).Name, Is.EqualTo("free"));
    }

    [Test]
    public async Task Delete_removes_the_profile()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);

        await Client.Policies.DeletePolicyProfileAsync(project.Id, policy.Id);

        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Policies.GetPolicyProfileAsync(project.Id, policy.Id));
        Assert.That((await Client.Policies.ListPolicyProfilesAsync(project.Id)).Policies, Is.Empty);
    }

    [Test]
    public async Task Deleting_a_profile_that_a_live_credential_uses_is_a_conflict_until_the_credential_is_revoked()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var secrets = await CreateCredentialAsync(project.Id, policy.Id);

        var error = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Policies.DeletePolicyProfileAsync(project.Id, policy.Id));
        await Client.Agents.RevokeAgentCredentialAsync(project.Id, secrets.Credential.Id);
        await Client.Policies.DeletePolicyProfileAsync(project.Id, policy.Id);

        Assert.That(error!.ServerMessage, Does.Contain(secrets.Credential.Id));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Policies.GetPolicyProfileAsync(project.Id, policy.Id));
    }

    [Test]
    public async Task List_pages_in_creation_order()
    {
        var project = await CreateProjectAsync();
        var ids = new System.Collections.Generic.List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await CreatePolicyAsync(project.Id, $"policy-{i}")).Id);
        }

        var first = await Client.Policies.ListPolicyProfilesAsync(project.Id, new ListPolicyProfilesParams { PageSize = 2 });
        var second = await Client.Policies.ListPolicyProfilesAsync(project.Id, new ListPolicyProfilesParams { PageSize = 2, PageToken = first.NextPageToken });

        Assert.That(first.Policies.Concat(second.Policies).Select(p => p.Id), Is.EqualTo(ids));
        Assert.That(first.NextPageToken, Is.Not.Null.And.Not.Empty);
        Assert.That(second.NextPageToken, Is.Null);
    }
}
