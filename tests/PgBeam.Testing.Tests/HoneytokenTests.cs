using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class HoneytokenTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    private static HoneytokenInput Decoy(string relation, HoneytokenAction action, string? schema = null)
    {
        var input = new HoneytokenInput { RelationName = relation, Action = action };
        if (schema is not null)
        {
            input.SchemaName = schema;
        }

        return input;
    }

    [Test]
    public async Task A_honeytoken_is_created_listed_replaced_and_deleted()
    {
        var project = await CreateProjectAsync();
        var payroll = await Client.Honeytokens.CreateHoneytokenAsync(project.Id, Decoy("payroll_backup", HoneytokenAction.AuditOnly));
        var keys = await Client.Honeytokens.CreateHoneytokenAsync(project.Id, Decoy("api_keys_old", HoneytokenAction.Kill, schema: "billing"));
        Clock.Advance(TimeSpan.FromMinutes(3));

        var replaced = await Client.Honeytokens.UpdateHoneytokenAsync(project.Id, payroll.Id, Decoy("payroll_backup_2024", HoneytokenAction.Kill));
        await Client.Honeytokens.DeleteHoneytokenAsync(project.Id, keys.Id);
        var listed = await Client.Honeytokens.ListHoneytokensAsync(project.Id);

        Assert.That(payroll.Id, Does.Match("^hnt_[0-9a-z]{26}$"));
        Assert.That((payroll.ProjectId, payroll.SchemaName, payroll.CreatedAt, payroll.UpdatedAt), Is.EqualTo((project.Id, (string?)null, Start, Start)));
        Assert.That(keys.SchemaName, Is.EqualTo("billing"));
        Assert.That((replaced.Id, replaced.RelationName, replaced.Action), Is.EqualTo((payroll.Id, "payroll_backup_2024", HoneytokenAction.Kill)));
        Assert.That((replaced.CreatedAt, replaced.UpdatedAt), Is.EqualTo((Start, Start.AddMinutes(3))));
        Assert.That(listed.Honeytokens.Select(h => h.Id), Is.EqualTo(new[] { payroll.Id }));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Honeytokens.GetHoneytokenAsync(project.Id, keys.Id));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Honeytokens.UpdateHoneytokenAsync(project.Id, keys.Id, Decoy("x", HoneytokenAction.Kill)));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Honeytokens.DeleteHoneytokenAsync(project.Id, keys.Id));
    }

    [Test]
    public async Task A_relation_is_watched_once_per_project_and_unqualified_means_public()
    {
        var project = await CreateProjectAsync();
        var other = await CreateProjectAsync("other");
        var first = await Client.Honeytokens.CreateHoneytokenAsync(project.Id, Decoy("customer_ssns", HoneytokenAction.Kill));
        var second = await Client.Honeytokens.CreateHoneytokenAsync(project.Id, Decoy("customer_ssns", HoneytokenAction.Kill, schema: "archive"));

        var again = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Honeytokens.CreateHoneytokenAsync(project.Id, Decoy("Customer_SSNs", HoneytokenAction.AuditOnly, schema: "public")));
        var renamed = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Honeytokens.UpdateHoneytokenAsync(project.Id, second.Id, Decoy("customer_ssns", HoneytokenAction.Kill)));
        var elsewhere = await Client.Honeytokens.CreateHoneytokenAsync(other.Id, Decoy("customer_ssns", HoneytokenAction.Kill));
        await Client.Honeytokens.DeleteHoneytokenAsync(project.Id, first.Id);
        var replanted = await Client.Honeytokens.CreateHoneytokenAsync(project.Id, Decoy("customer_ssns", HoneytokenAction.AuditOnly));

        Assert.That(again!.ErrorCode, Is.EqualTo("RESOURCE_EXISTS"));
        Assert.That(again.Message, Does.Contain(first.Id));
        Assert.That(renamed!.ErrorCode, Is.EqualTo("RESOURCE_EXISTS"));
        Assert.That(elsewhere.ProjectId, Is.EqualTo(other.Id));
        Assert.That(replanted.Id, Is.Not.EqualTo(first.Id), "a deleted honeytoken frees its relation");
        Assert.That((await Client.Honeytokens.GetHoneytokenAsync(project.Id, second.Id)).SchemaName, Is.EqualTo("archive"), "the refused update changed nothing");
    }

    [Test]
    public async Task Invalid_input_is_a_400_naming_the_field()
    {
        var project = await CreateProjectAsync();

        var blank = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Honeytokens.CreateHoneytokenAsync(project.Id, Decoy("   ", HoneytokenAction.Kill)));
        var tooLong = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Honeytokens.CreateHoneytokenAsync(project.Id, Decoy(new string('t', 256), HoneytokenAction.Kill)));
        var action = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Honeytokens.CreateHoneytokenAsync(project.Id, Decoy("t", new HoneytokenAction("explode"))));
        var unknownProject = Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Honeytokens.CreateHoneytokenAsync("prj_missing", Decoy("t", HoneytokenAction.Kill)));
        ForgetViolations();

        Assert.That(blank!.Errors.Select(e => e.Field), Is.EqualTo(new[] { "relation_name" }));
        FieldAssert.SchemaRefused(tooLong, "relation_name", Transport);
        FieldAssert.SchemaRefused(action, "action", Transport);
        Assert.That(unknownProject, Is.Not.Null);
        Assert.That((await Client.Honeytokens.ListHoneytokensAsync(project.Id)).Honeytokens, Is.Empty);
    }

    [Test]
    public async Task Pages_follow_creation_order()
    {
        var project = await CreateProjectAsync();
        for (var i = 0; i < 5; i++)
        {
            await Client.Honeytokens.CreateHoneytokenAsync(project.Id, Decoy($"decoy_{i}", HoneytokenAction.AuditOnly));
        }

        var first = await Client.Honeytokens.ListHoneytokensAsync(project.Id, new ListHoneytokensParams { PageSize = 2 });
        var all = await Client.Honeytokens.ListHoneytokensAutoPagingAsync(project.Id, new ListHoneytokensParams { PageSize = 2 }).ToListAsync();

        Assert.That(first.Honeytokens.Select(h => h.RelationName), Is.EqualTo(new[] { "decoy_0", "decoy_1" }));
        Assert.That(first.NextPageToken, Is.Not.Null);
        Assert.That(all.Select(h => h.RelationName), Is.EqualTo(Enumerable.Range(0, 5).Select(i => $"decoy_{i}")));
    }

    [Test]
    public async Task Modify_meets_a_concurrent_change_through_If_Match_and_keeps_both()
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
        Assert.That((modified.RelationName, modified.Action), Is.EqualTo(("payroll_backup_v2", HoneytokenAction.Kill)));
        Assert.That(Sandbox.Requests.Count(r => r.OperationId == "updateHoneytoken" && r.StatusCode == HttpStatusCode.PreconditionFailed), Is.EqualTo(1));
    }
}
