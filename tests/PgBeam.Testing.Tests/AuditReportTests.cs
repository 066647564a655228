using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class AuditReportTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    private async Task<string[]> ExportAsync(string projectId, ExportAuditLogsParams? parameters = null)
    {
        using var csv = new MemoryStream();
        await Client.Agents.ExportAuditLogsAsync(projectId, csv, parameters);
        return Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    [Test]
    public async Task The_export_is_CSV_of_the_seeded_entries_newest_first_with_the_list_filters()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var analyst = await CreateCredentialAsync(project.Id, policy.Id, "analyst");
        await CreateCredentialAsync(project.Id, policy.Id, "reporter");
        var seeded = Sandbox.SeedAuditEntries(project.Id, 10);
        var quoted = Sandbox.SeedAuditEntry(project.Id, new AuditLogEntry { CredentialId = analyst.Credential.Id, Sql = "SELECT 'a, \"b\"' FROM t" });

        var all = await ExportAsync(project.Id);
        var blocked = await ExportAsync(project.Id, new ExportAuditLogsParams { Decision = AuditDecision.Block });
        var analystWire = await ExportAsync(project.Id, new ExportAuditLogsParams { CredentialId = analyst.Credential.Id, Source = AuditSource.Wire });
        var window = await ExportAsync(project.Id, new ExportAuditLogsParams { Start = seeded[2].Ts, End = seeded[5].Ts });

        Assert.That(all[0], Does.StartWith("id,ts,seq,credential_id,session_id,source,region,event,decision,"));
        Assert.That(all, Has.Length.EqualTo(1 + 11), "a header and every entry, unpaged");
        Assert.That(all.Skip(1).Select(r => r.Split(',')[0]), Is.EqualTo(seeded.Append(quoted).Reverse().Select(e => e.Id)));
        Assert.That(all[1], Does.Contain("\"SELECT 'a, \"\"b\"\"' FROM t\""), "fields with commas and quotes are quoted");
        Assert.That(blocked.Skip(1).Select(r => r.Split(',')[0]), Is.EquivalentTo(seeded.Where(e => e.Event is "blocked" or "auth_failed" or "budget_exhausted" or "credential_expired").Select(e => e.Id)));
        Assert.That(analystWire.Skip(1).Select(r => r.Split(',')[0]), Is.EquivalentTo(seeded.Append(quoted).Where(e => e.CredentialId == analyst.Credential.Id && e.Source == "wire").Select(e => e.Id)));
        Assert.That(window.Skip(1).Select(r => r.Split(',')[0]), Is.EqualTo(new[] { seeded[4].Id, seeded[3].Id, seeded[2].Id }));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => ExportAsync("prj_missing"));
    }

    [Test]
    public async Task A_session_summary_counts_decisions_rows_and_tables_of_that_session_only()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var agent = await CreateCredentialAsync(project.Id, policy.Id);
        var id = agent.Credential.Id;
        var spike = Sandbox.SeedAnomalyAlert(project.Id, new AnomalyAlert { Kind = "volume_spike", CredentialId = id });
        Sandbox.SeedAuditEntry(project.Id, new AuditLogEntry { SessionId = "0000a41f", CredentialId = id, Sql = "SELECT o.id FROM orders o JOIN public.customers c ON c.id = o.customer_id", StatementKind = "select", RowsReturned = 20, BytesOut = 800, LatencyMs = 3 });
        Clock.Advance(TimeSpan.FromSeconds(30));
        Sandbox.SeedAuditEntry(project.Id, new AuditLogEntry { SessionId = "0000a41f", CredentialId = id, Source = "mcp", Event = "masked", Sql = "SELECT email FROM users", StatementKind = "select", RowsReturned = 5, BytesOut = 100, LatencyMs = 2 });
        Sandbox.SeedAuditEntry(project.Id, new AuditLogEntry { SessionId = "0000a41f", CredentialId = id, Sql = "UPDATE orders SET status = 'x' WHERE id = 1", StatementKind = "update", LatencyMs = 4 });
        Sandbox.SeedAuditEntry(project.Id, new AuditLogEntry { SessionId = "0000a41f", CredentialId = id, Event = "blocked", Sql = "DROP TABLE payments", StatementKind = "ddl", DecisionRule = "read_only" });
        Clock.Advance(TimeSpan.FromSeconds(30));
        var canary = Sandbox.SeedAnomalyAlert(project.Id, new AnomalyAlert { Kind = "canary_tripped", CredentialId = id });
        Sandbox.SeedAuditEntry(project.Id, new AuditLogEntry { SessionId = "0000a41f", CredentialId = id, Event = "approval_requested", Sql = "DELETE FROM orders" });
        Sandbox.SeedAuditEntry(project.Id, new AuditLogEntry { SessionId = "ffff0001", CredentialId = id, Sql = "SELECT * FROM secrets", StatementKind = "select" });

        var summary = await Client.Agents.GetAuditSessionSummaryAsync(project.Id, "0000a41f");
        var early = await Client.Agents.GetAuditSessionSummaryAsync(project.Id, "0000a41f", new GetAuditSessionSummaryParams { End = Start.AddSeconds(1) });

        Assert.That((summary.EntriesScanned, summary.Statements, summary.Allowed, summary.Masked, summary.Blocked, summary.Truncated, summary.Other), Is.EqualTo((5L, 4L, 2L, 1L, 1L, 0L, 1L)));
        Assert.That((summary.RowsReturned, summary.BytesOut, summary.LatencyMsTotal), Is.EqualTo((25L, 900L, 9.0)));
        Assert.That((summary.StartedAt, summary.EndedAt, summary.DurationMs), Is.EqualTo((Start, Start.AddMinutes(1), 60_000.0)));
        Assert.That(summary.CredentialIds, Is.EqualTo(new[] { id }));
        Assert.That(summary.Sources, Is.EqualTo(new[] { "mcp", "wire" }));
        Assert.That(summary.TablesRead, Is.EqualTo(new[] { "orders", "public.customers", "users" }));
        Assert.That(summary.TablesWritten, Is.EqualTo(new[] { "orders" }));
        Assert.That(summary.TablesBlocked, Is.EqualTo(new[] { "payments" }));
        Assert.That(summary.Anomalies!.SessionAlerts.Select(a => a.Id), Is.EqualTo(new[] { canary.Id }));
        Assert.That(summary.Anomalies.CredentialWindowAlerts.Select(a => a.Id), Is.EqualTo(new[] { spike.Id }));
        Assert.That((early.EntriesScanned, early.TablesWritten.Count), Is.EqualTo((1L, 0)));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Agents.GetAuditSessionSummaryAsync(project.Id, "00000000"));
    }

    [Test]
    public async Task An_untouched_chain_verifies_and_a_window_checks_only_its_part()
    {
        var project = await CreateProjectAsync();
        var empty = await Client.Agents.VerifyAuditChainAsync(project.Id);
        var seeded = Sandbox.SeedAuditEntries(project.Id, 12);
        Sandbox.SeedAuditEntries((await CreateProjectAsync("other")).Id, 3);

        var whole = await Client.Agents.VerifyAuditChainAsync(project.Id);
        var part = await Client.Agents.VerifyAuditChainAsync(project.Id, new VerifyAuditChainParams { Start = seeded[4].Ts, End = seeded[8].Ts });

        Assert.That((empty.Ok, empty.VerifiedCount, empty.ChainStartSeq, empty.LinkStatus), Is.EqualTo((true, 0L, (long?)null, (string?)null)));
        Assert.That((whole.Ok, whole.VerifiedCount, whole.ChainStartSeq, whole.ChainEndSeq, whole.FirstBrokenSeq, whole.FailureReason), Is.EqualTo((true, 12L, (long?)1, (long?)12, (long?)null, (string?)null)));
        Assert.That((whole.LinkStatus, whole.LinkVerifiedFromSeq, whole.KeyedCount, whole.UnchainedCount), Is.EqualTo(("verified", (long?)1, 0L, 0L)));
        Assert.That(whole.VerifiedAt, Is.EqualTo(Start));
        Assert.That((part.Ok, part.VerifiedCount, part.ChainStartSeq, part.ChainEndSeq), Is.EqualTo((true, 4L, seeded[4].Seq, seeded[7].Seq)));
    }
}
