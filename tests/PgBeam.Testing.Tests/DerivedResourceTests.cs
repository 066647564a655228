using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>
/// Resources nobody modelled by hand still behave like resources: what a derived create makes is listed, read back,
/// replaced, deleted, paged and written conditionally, through the SDK as a user's test would. Honeytokens stand for
/// every collection of the contract with an item path; nothing here is specific to them in the sandbox.
/// </summary>
[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class DerivedResourceTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    /// <summary>Everything beyond the foundation is derived here, whatever the sandbox models by hand.</summary>
    protected override PgBeamSandbox NewSandbox(PgBeamSandboxOptions options) => new(options, FoundationOnly);

    private static HoneytokenInput Decoy(string relation, HoneytokenAction action) =>
        new() { RelationName = relation, Action = action };

    [Test]
    public async Task A_created_resource_is_listed_read_back_replaced_and_deleted()
    {
        var project = await CreateProjectAsync();
        var payroll = await Client.Honeytokens.CreateHoneytokenAsync(project.Id, Decoy("payroll_backup", HoneytokenAction.AuditOnly));
        var secrets = await Client.Honeytokens.CreateHoneytokenAsync(project.Id, Decoy("api_keys_old", HoneytokenAction.Kill));

        var listed = await Client.Honeytokens.ListHoneytokensAsync(project.Id);
        var read = await Client.Honeytokens.GetHoneytokenAsync(project.Id, payroll.Id);
        Clock.Advance(TimeSpan.FromMinutes(5));
        var replaced = await Client.Honeytokens.UpdateHoneytokenAsync(project.Id, payroll.Id, Decoy("payroll_backup", HoneytokenAction.Kill));
        await Client.Honeytokens.DeleteHoneytokenAsync(project.Id, secrets.Id);
        var after = await Client.Honeytokens.ListHoneytokensAsync(project.Id);

        Assert.That(payroll.Id, Is.Not.EqualTo(secrets.Id), "two creates make two resources");
        Assert.That(listed.Honeytokens.Select(h => h.Id), Is.EqualTo(new[] { payroll.Id, secrets.Id }), "in creation order");
        Assert.That((read.RelationName, read.Action), Is.EqualTo(("payroll_backup", HoneytokenAction.AuditOnly)));
        Assert.That((replaced.Id, replaced.Action, replaced.CreatedAt), Is.EqualTo((payroll.Id, HoneytokenAction.Kill, payroll.CreatedAt)), "the id and creation time stay");
        Assert.That(replaced.UpdatedAt, Is.EqualTo(Start.AddMinutes(5)));
        Assert.That(after.Honeytokens.Select(h => (h.Id, h.Action)), Is.EqualTo(new[] { (payroll.Id, HoneytokenAction.Kill) }));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Honeytokens.GetHoneytokenAsync(project.Id, secrets.Id));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Honeytokens.DeleteHoneytokenAsync(project.Id, secrets.Id));
    }

    [Test]
    public async Task A_list_pages_with_page_token_and_auto_paging_walks_every_page()
    {
        var project = await CreateProjectAsync();
        for (var i = 0; i < 5; i++)
        {
            await Client.Honeytokens.CreateHoneytokenAsync(project.Id, Decoy($"decoy_{i}", HoneytokenAction.AuditOnly));
        }

        var first = await Client.Honeytokens.ListHoneytokensAsync(project.Id, new ListHoneytokensParams { PageSize = 2 });
        var all = await Client.Honeytokens.ListHoneytokensAutoPagingAsync(project.Id, new ListHoneytokensParams { PageSize = 2 }).ToListAsync();

        Assert.That(first.Honeytokens, Has.Count.EqualTo(2));
        Assert.That(first.NextPageToken, Is.Not.Null);
        Assert.That(all.Select(h => h.RelationName), Is.EqualTo(Enumerable.Range(0, 5).Select(i => $"decoy_{i}")));
        Assert.That(Sandbox.Requests.Count(r => r.OperationId == "listHoneytokens"), Is.EqualTo(1 + 3), "one page, then three pages of 2, 2 and 1");
    }

    [Test]
    public async Task A_conditional_update_of_a_derived_resource_meets_a_concurrent_change_and_is_retried()
    {
        var project = await CreateProjectAsync();
        var token = await Client.Honeytokens.CreateHoneytokenAsync(project.Id, Decoy("payroll_backup", HoneytokenAction.AuditOnly));
        var rounds = 0;

        var modified = await Client.Honeytokens.ModifyHoneytokenAsync(project.Id, token.Id, input =>
        {
            if (++rounds == 1)
            {
                Clock.Advance(TimeSpan.FromSeconds(1));
                Client.Honeytokens.UpdateHoneytokenAsync(project.Id, token.Id, Decoy("payroll_backup_v2", HoneytokenAction.AuditOnly)).GetAwaiter().GetResult();
            }

            input.Action = HoneytokenAction.Kill;
        });

        Assert.That(rounds, Is.EqualTo(2));
        Assert.That((modified.RelationName, modified.Action), Is.EqualTo(("payroll_backup_v2", HoneytokenAction.Kill)), "both writers' changes survive");
        Assert.That(Sandbox.Requests.Count(r => r.OperationId == "updateHoneytoken" && r.StatusCode == HttpStatusCode.PreconditionFailed), Is.EqualTo(1));
    }
}
