using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;
using PgBeam.Testing.Validation;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// Reports over the audit log the sandbox keeps (<see cref="PgBeamSandbox.SeedAuditEntry"/>,
/// <see cref="PgBeamSandbox.SeedAuditEntries"/>): the CSV export, a session's summary and the chain check. All are
/// computed from the stored entries; nothing is fixed but <c>keyed_count</c> (0: the sandbox signs with no key) and
/// the anchor fields (null: it signs no checkpoints).
/// </summary>
internal static class AuditReportsApi
{
    /// <summary>The export's columns, in order; the header row names them.</summary>
    public static readonly string[] ExportColumns =
    [
        "id", "ts", "seq", "credential_id", "session_id", "source", "region", "event", "decision", "statement_kind", "decision_rule",
        "rows_returned", "bytes_out", "latency_ms", "cache_status", "sql", "prev_hash", "entry_hash",
    ];

    private const int AlertListLimit = 50;

    /// <summary>
    /// <c>text/csv</c> (RFC 4180: CRLF line ends, fields with commas, quotes or line breaks quoted): a header row, then
    /// every matching entry, most recent first, no paging; the list's filters apply.
    /// </summary>
    public static SandboxResult Export(SandboxCall call)
    {
        var project = call.State.RequireProject(call.Path("project_id"));
        ContractInput.Query(call, "exportAuditLogs");
        var csv = new StringBuilder();
        AppendRow(csv, ExportColumns);
        foreach (var entry in AuditLogsApi.Matching(call, project.Id).OrderByDescending(e => e.Ts).ThenByDescending(e => e.Seq))
        {
            AppendRow(csv,
            [
                entry.Id, Rfc3339.Format(entry.Ts), Invariant(entry.Seq), entry.CredentialId, entry.SessionId, entry.Source, entry.Region, entry.Event,
                AuditLogsApi.DecisionOf(entry.Event), entry.StatementKind, entry.DecisionRule, Invariant(entry.RowsReturned), Invariant(entry.BytesOut),
                entry.LatencyMs?.ToString("R", CultureInfo.InvariantCulture), entry.CacheStatus, entry.Sql, entry.PrevHash, entry.EntryHash,
            ]);
        }

        return SandboxResult.Text(HttpStatusCode.OK, "text/csv", csv.ToString());
    }

    /// <summary>
    /// The entries of one session (within <c>start</c>/<c>end</c>) condensed: 404 when the project has none. Tables
    /// come from <see cref="SqlText"/>: refused statements' tables are <c>tables_blocked</c>, writes' are
    /// <c>tables_written</c>, the rest <c>tables_read</c>; a statement whose kind cannot be read counts as unparsed.
    /// Alerts: <c>canary_tripped</c>/<c>content_flagged</c> alerts of the session's credentials raised during it, and
    /// the other kinds whose window overlaps it.
    /// </summary>
    public static SandboxResult SessionSummary(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        ContractInput.Query(call, "getAuditSessionSummary");
        var sessionId = call.Path("session_id");
        var start = call.Query.Timestamp("start");
        var end = call.Query.Timestamp("end");
        var entries = state.AuditEntries
            .Where(e => e.ProjectId == project.Id && e.SessionId == sessionId && (start is null || e.Ts >= start) && (end is null || e.Ts < end))
            .OrderBy(e => e.Ts).ThenBy(e => e.Seq)
            .ToList();
        if (entries.Count == 0)
        {
            throw SandboxProblem.NotFound($"Project '{project.Id}' has no audit entry of session '{sessionId}' in the window.");
        }

        var read = new SortedSet<string>(StringComparer.Ordinal);
        var written = new SortedSet<string>(StringComparer.Ordinal);
        var blocked = new SortedSet<string>(StringComparer.Ordinal);
        long unparsed = 0;
        foreach (var entry in entries.Where(e => AuditLogsApi.DecisionOf(e.Event) is not null))
        {
            var kind = entry.StatementKind is { Length: > 0 } recorded ? recorded : SqlText.Kind(entry.Sql);
            if (string.IsNullOrEmpty(entry.Sql) || SqlText.Kind(entry.Sql) is null)
            {
                unparsed++;
                continue;
            }

            var target = AuditLogsApi.DecisionOf(entry.Event) == "block" ? blocked : SqlText.IsWrite(kind) ? written : read;
            target.UnionWith(SqlText.Tables(entry.Sql));
        }

        var started = entries[0].Ts;
        var ended = entries[^1].Ts;
        var credentials = entries.Select(e => e.CredentialId).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        var summary = new AuditSessionSummary
        {
            SessionId = sessionId,
            ProjectId = project.Id,
            CredentialIds = credentials,
            Sources = entries.Select(e => e.Source).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList(),
            StartedAt = started,
            EndedAt = ended,
            DurationMs = (ended - started).TotalMilliseconds,
            EntriesScanned = entries.Count,
            Allowed = entries.LongCount(e => e.Event == "query"),
            Blocked = entries.LongCount(e => AuditLogsApi.DecisionOf(e.Event) == "block"),
            Masked = entries.LongCount(e => e.Event == "masked"),
            Truncated = entries.LongCount(e => e.Event == "truncated"),
            RowsReturned = entries.Sum(e => e.RowsReturned ?? 0),
            BytesOut = entries.Sum(e => e.BytesOut ?? 0),
            LatencyMsTotal = entries.Where(e => AuditLogsApi.DecisionOf(e.Event) is not null).Sum(e => e.LatencyMs ?? 0),
            TablesRead = read.ToList(),
            TablesWritten = written.ToList(),
            TablesBlocked = blocked.ToList(),
            UnparsedStatements = unparsed,
            ScanTruncated = false,
        };
        summary.Statements = summary.Allowed + summary.Blocked + summary.Masked + summary.Truncated;
        summary.Other = summary.EntriesScanned - summary.Statements;

        var alerts = state.AnomalyAlerts.Live.Where(a => a.ProjectId == project.Id && a.CredentialId is not null && credentials.Contains(a.CredentialId)).OrderBy(a => a.CreatedAt).ToList();
        var raisedInSession = alerts.Where(a => a.Kind is "canary_tripped" or "content_flagged" && a.CreatedAt >= started && a.CreatedAt <= ended).ToList();
        var overlapping = alerts.Where(a => a.Kind is not ("canary_tripped" or "content_flagged") && (a.WindowStart ?? a.CreatedAt) <= ended && (a.WindowEnd ?? a.CreatedAt) >= started).ToList();
        summary.Anomalies = new AuditSessionAnomalies
        {
            SessionAlerts = raisedInSession.Take(AlertListLimit).ToList(),
            CredentialWindowAlerts = overlapping.Take(AlertListLimit).ToList(),
            Truncated = raisedInSession.Count > AlertListLimit || overlapping.Count > AlertListLimit,
        };
        return SandboxResult.Json(HttpStatusCode.OK, summary);
    }

    /// <summary>
    /// Re-hashes the project's chain (entries within <c>start</c>/<c>end</c>, in <c>seq</c> order): each entry's hash
    /// from its fields, its link to the entry before (the genesis value for the first), no missing sequence numbers.
    /// The first failure found is reported; an untouched chain verifies.
    /// </summary>
    public static SandboxResult VerifyChain(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        ContractInput.Query(call, "verifyAuditChain");
        var start = call.Query.Timestamp("start");
        var end = call.Query.Timestamp("end");
        var chain = state.AuditEntries.Where(e => e.ProjectId == project.Id).OrderBy(e => e.Seq).ToList();
        var range = chain.Where(e => (start is null || e.Ts >= start) && (end is null || e.Ts < end)).ToList();
        var checkedEntries = range.Where(e => !string.IsNullOrEmpty(e.EntryHash)).ToList();

        var report = new AuditChainVerification { Ok = true, VerifiedAt = call.Now, UnchainedCount = range.Count - checkedEntries.Count };
        if (checkedEntries.Count > 0)
        {
            report.ChainStartSeq = checkedEntries[0].Seq;
            report.ChainEndSeq = checkedEntries[^1].Seq;
            report.LinkStatus = "verified";
            report.LinkVerifiedFromSeq = checkedEntries[0].Seq;
        }

        AuditLogEntry? previous = checkedEntries.Count > 0 && checkedEntries[0].Seq > 1
            ? chain.LastOrDefault(e => e.Seq < checkedEntries[0].Seq && !string.IsNullOrEmpty(e.EntryHash))
            : null;
        foreach (var entry in checkedEntries)
        {
            report.VerifiedCount++;
            var expectedSeq = previous is null ? 1 : previous.Seq + 1;
            var expectedLink = previous?.EntryHash ?? AuditChain.GenesisHash;
            var failure = entry.Seq != expectedSeq ? "missing_entry"
                : entry.PrevHash != expectedLink ? "broken_link"
                : AuditChain.HashOf(entry) != entry.EntryHash ? "hash_mismatch"
                : null;
            if (failure is not null)
            {
                report.Ok = false;
                report.FailureReason = failure;
                report.FirstBrokenSeq = failure == "missing_entry" ? expectedSeq : entry.Seq;
                break;
            }

            previous = entry;
        }

        return SandboxResult.Json(HttpStatusCode.OK, report);
    }

    private static string? Invariant(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static void AppendRow(StringBuilder csv, string?[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                csv.Append(',');
            }

            var field = fields[i] ?? string.Empty;
            csv.Append(field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field);
        }

        csv.Append("\r\n");
    }
}
