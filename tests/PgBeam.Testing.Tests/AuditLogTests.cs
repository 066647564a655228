using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class AuditLogTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public async Task Seeded_entries_are_listed_newest_first()
    {
        var project = await CreateProjectAsync();
        var seeded = Sandbox.SeedAuditEntries(project.Id, 5);

        var page = await Client.Agents.ListAuditLogsAsync(project.Id);

        Assert.That(page.Entries.Select(e => e.Id), Is.EqualTo(seeded.Reverse().Select(e => e.Id)));
        Assert.That(page.Entries[0].Ts, Is.EqualTo(Start));
        Assert.That(page.Entries[^1].Ts, Is.EqualTo(Start.AddMinutes(-4)));
        Assert.That(page.Entries.Select(e => e.Seq), Is.EqualTo(new long?[] { 5, 4, 3, 2, 1 }));
        Assert.That(page.NextPageToken, Is.Null);
    }

    [Test]
    public async Task Paging_with_before_walks_every_entry_once()
    {
        var project = await CreateProjectAsync();
        var seeded = Sandbox.SeedAuditEntries(project.Id, 23);

        var seen = new List<string>();
        DateTimeOffset? before = null;
        var pages = 0;
        while (true)
        {
            var page = await Client.Agents.ListAuditLogsAsync(project.Id, new ListAuditLogsParams { PageSize = 10, Before = before });
            seen.AddRange(page.Entries.Select(e => e.Id));
            pages++;
            if (string.IsNullOrEmpty(page.NextPageToken))
            {
                break;
            }

            Assert.That(DateTimeOffset.Parse(page.NextPageToken, CultureInfo.InvariantCulture), Is.EqualTo(page.Entries[^1].Ts));
            before = DateTimeOffset.Parse(page.NextPageToken, CultureInfo.InvariantCulture);
        }

        Assert.That(pages, Is.EqualTo(3));
        Assert.That(seen, Is.EqualTo(seeded.Reverse().Select(e => e.Id)));
    }

    [Test]
    public async Task Filters_by_event_decision_source_and_credential()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var credential = await CreateCredentialAsync(project.Id, policy.Id);
        Sandbox.SeedAuditEntries(project.Id, 20);
        var mine = Sandbox.SeedAuditEntry(project.Id, new AuditLogEntry { Event = "blocked", Source = "mcp", CredentialId = credential.Credential.Id, DecisionRule = "table_denylist" });

        var blocked = await Client.Agents.ListAuditLogsAsync(project.Id, new ListAuditLogsParams { Event = "blocked", PageSize = 100 });
        var blocks = await Client.Agents.ListAuditLogsAsync(project.Id, new ListAuditLogsParams { Decision = AuditDecision.Block, PageSize = 100 });
        var viaMcp = await Client.Agents.ListAuditLogsAsync(project.Id, new ListAuditLogsParams { Source = AuditSource.Mcp, PageSize = 100 });
        var byCredential = await Client.Agents.ListAuditLogsAsync(project.Id, new ListAuditLogsParams { CredentialId = credential.Credential.Id, Event = "blocked", Source = AuditSource.Mcp });

        Assert.That(blocked.Entries.Select(e => e.Event).Distinct(), Is.EqualTo(new[] { "blocked" }));
        Assert.That(blocked.Entries, Has.Count.EqualTo(3));
        Assert.That(blocks.Entries.Select(e => e.Event).Distinct(), Is.EquivalentTo(new[] { "blocked", "auth_failed", "budget_exhausted", "credential_expired" }));
        Assert.That(viaMcp.Entries.All(e => e.Source == "mcp"), Is.True);
        Assert.That(viaMcp.Entries, Has.Count.EqualTo(8));
        Assert.That(byCredential.Entries.Select(e => e.Id), Does.Contain(mine.Id));
        Assert.That(byCredential.Entries.All(e => e.CredentialId == credential.Credential.Id), Is.True);
    }

    [Test]
    public async Task Filters_by_time_window_with_start_inclusive_and_end_exclusive()
    {
        var project = await CreateProjectAsync();
        var seeded = Sandbox.SeedAuditEntries(project.Id, 10);

        var window = await Client.Agents.ListAuditLogsAsync(project.Id, new ListAuditLogsParams { Start = Start.AddMinutes(-5), End = Start.AddMinutes(-2) });

        Assert.That(window.Entries.Select(e => e.Ts), Is.EqualTo(new DateTimeOffset?[] { Start.AddMinutes(-3), Start.AddMinutes(-4), Start.AddMinutes(-5) }));
        Assert.That(seeded, Has.Count.EqualTo(10));
    }

    [Test]
    public async Task Seeded_entries_form_a_hash_chain_in_project_order()
    {
        var project = await CreateProjectAsync();
        var first = Sandbox.SeedAuditEntry(project.Id);
        var second = Sandbox.SeedAuditEntry(project.Id, new AuditLogEntry { Event = "masked" });

        var page = await Client.Agents.ListAuditLogsAsync(project.Id);

        Assert.That(second.PrevHash, Is.EqualTo(first.EntryHash));
        Assert.That(first.EntryHash, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(second.Ts, Is.GreaterThan(first.Ts), "a default timestamp is later than every earlier entry");
        Assert.That(page.Entries.Select(e => e.Id), Is.EqualTo(new[] { second.Id, first.Id }));
    }

    [Test]
    public void The_audit_log_of_an_unknown_project_is_404()
    {
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Agents.ListAuditLogsAsync("prj_missing"));
    }
}
