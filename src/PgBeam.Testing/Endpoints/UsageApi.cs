using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.Validation;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// Usage and performance reports, computed from the audit entries the sandbox keeps (the only traffic it sees). A
/// query is an entry that ran (<c>query</c>, <c>masked</c>, <c>truncated</c>); cache outcomes come from
/// <c>cache_status</c> (<c>hit</c>/<c>stale</c> count as hits, <c>miss</c> as misses), bytes from <c>bytes_out</c>,
/// latency from <c>latency_ms</c>; percentiles are nearest-rank. Fixed: <c>connection_seconds</c> is 0 (the sandbox
/// holds no connections), <c>avg_connect_ms</c> is absent, and the agent report's marginal rates are those of an
/// unlimited plan with no overage (<c>sandbox</c>).
/// </summary>
internal static class UsageApi
{
    private const int MaxReportDays = 366;
    private const int MaxAgentWindowDays = 92;

    /// <summary>Per day and region with traffic, days from <c>start_date</c> to <c>end_date</c> included.</summary>
    public static SandboxResult ProjectUsage(SandboxCall call)
    {
        var project = call.State.RequireProject(call.Path("project_id"));
        var (first, last) = Days(call, "getProjectUsage");
        var usage = Ran(call.State.AuditEntries.Where(e => e.ProjectId == project.Id))
            .Select(e => (Entry: e, Day: DateOnly.FromDateTime(e.Ts.UtcDateTime)))
            .Where(x => x.Day >= first && x.Day <= last)
            .GroupBy(x => (x.Day, Region: x.Entry.Region ?? "us-east-1"))
            .OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Region, StringComparer.Ordinal)
            .Select(g => new ProjectDailyUsage
            {
                Day = g.Key.Day,
                Region = g.Key.Region,
                QueriesTotal = g.Count(),
                CacheHits = g.Count(x => IsHit(x.Entry)),
                CacheMisses = g.Count(x => x.Entry.CacheStatus == "miss"),
                BytesTransferred = g.Sum(x => x.Entry.BytesOut ?? 0),
            })
            .ToList();
        return SandboxResult.Json(HttpStatusCode.OK, new ProjectUsageResponse { Usage = usage });
    }

    /// <summary>Every day of the range (zeros included), over the organization's projects. An organization the sandbox does not hold is a 403: the contract gives the operation no 404.</summary>
    public static SandboxResult OrganizationUsage(SandboxCall call)
    {
        var state = call.State;
        var orgId = call.Path("org_id");
        var projects = state.Projects.Live.Where(p => p.OrgId == orgId).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        if (orgId != state.OrganizationId && projects.Count == 0)
        {
            throw new SandboxProblem(HttpStatusCode.Forbidden, ErrorCode.Forbidden.Value, $"The API key has no access to organization '{orgId}'.");
        }

        var (first, last) = Days(call, "getOrganizationUsage");
        var byDay = Ran(state.AuditEntries.Where(e => projects.Contains(e.ProjectId))).ToLookup(e => DateOnly.FromDateTime(e.Ts.UtcDateTime));
        var usage = new List<DailyUsage>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var entries = byDay[day].ToList();
            usage.Add(new DailyUsage
            {
                Day = day,
                QueriesTotal = entries.Count,
                CacheHits = entries.Count(IsHit),
                CacheMisses = entries.Count(e => e.CacheStatus == "miss"),
                BytesTransferred = entries.Sum(e => e.BytesOut ?? 0),
            });
        }

        return SandboxResult.Json(HttpStatusCode.OK, new UsageResponse { Usage = usage });
    }

    /// <summary>
    /// Lines per credential over <c>[start, end)</c> (end defaults to now, start to 30 days before; at most 92 days),
    /// busiest first; entries with no credential on the unattributed line; totals the sum of both. Gap markers are
    /// <c>entries_dropped</c> entries; their lost count is not recorded in the sandbox, so each counts as unparsed.
    /// </summary>
    public static SandboxResult AgentBreakdown(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        ContractInput.Query(call, "getAgentUsageBreakdown");
        var end = call.Query.Timestamp("end") ?? call.Now;
        var start = call.Query.Timestamp("start") ?? end.AddDays(-30);
        if (start >= end)
        {
            throw SandboxProblem.Field("start", "invalid_value", "Query parameter 'start' must be before 'end'.");
        }

        if (end - start > TimeSpan.FromDays(MaxAgentWindowDays))
        {
            throw SandboxProblem.Field("start", "out_of_range", FormattableString.Invariant($"The window from 'start' to 'end' may span at most {MaxAgentWindowDays} days."));
        }

        var entries = state.AuditEntries.Where(e => e.ProjectId == project.Id && e.Ts >= start && e.Ts < end).ToList();
        var markers = entries.Where(e => e.Event == "entries_dropped").ToList();
        var report = new AgentUsageReport
        {
            ProjectId = project.Id,
            RequestedStart = start,
            RequestedEnd = end,
            WindowStart = entries.Count == 0 ? end : entries.Min(e => e.Ts),
            WindowEnd = entries.Count == 0 ? end : entries.Max(e => e.Ts),
            Complete = markers.Count == 0,
            Agents = entries.Where(e => e.CredentialId is not null).GroupBy(e => e.CredentialId!)
                .Select(g => Line(g.Key, g.ToList()))
                .OrderByDescending(l => l.Entries).ThenBy(l => l.CredentialId, StringComparer.Ordinal)
                .ToList(),
            Unattributed = Line(null, entries.Where(e => e.CredentialId is null).ToList()),
            Totals = Line(null, entries),
            MarginalRates = new AgentUsageMarginalRates { Plan = "sandbox" },
            DropMarkers = new AgentUsageDropMarkers
            {
                Markers = markers.Count,
                MarkersUnparsed = markers.Count,
                Reasons = markers.Select(m => m.Reason).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList(),
            },
        };
        return SandboxResult.Json(HttpStatusCode.OK, report);
    }

    /// <summary>Query shapes that ran in the last <c>range</c> (24h by default), busiest first, <c>limit</c> of them; cache and latency over all of them.</summary>
    public static SandboxResult Insights(SandboxCall call)
    {
        var project = call.State.RequireProject(call.Path("project_id"));
        ContractInput.Query(call, "getProjectInsights");
        var range = call.Query.String("range") ?? "24h";
        var limit = int.Parse(call.Query.String("limit") ?? "20", CultureInfo.InvariantCulture);
        var since = call.Now - range switch { "1h" => TimeSpan.FromHours(1), "6h" => TimeSpan.FromHours(6), "7d" => TimeSpan.FromDays(7), _ => TimeSpan.FromHours(24) };
        var ran = Ran(call.State.AuditEntries.Where(e => e.ProjectId == project.Id && e.Ts >= since && e.Ts <= call.Now)).ToList();
        var queries = ran.Where(e => !string.IsNullOrEmpty(e.Sql))
            .GroupBy(e => SqlText.Normalize(e.Sql), StringComparer.Ordinal)
            .Select(g => new QueryInsight
            {
                QueryHash = SqlText.Hash(g.Key),
                QueryPattern = g.Key.Length > 500 ? g.Key[..500] : g.Key,
                TotalCount = g.Count(),
                TotalCacheHits = g.Count(IsHit),
                TotalCacheMisses = g.Count(e => e.CacheStatus == "miss"),
                AvgLatencyMs = g.Average(e => e.LatencyMs ?? 0),
                P99LatencyMs = Percentile(g.Select(e => e.LatencyMs ?? 0), 99),
            })
            .OrderByDescending(q => q.TotalCount).ThenBy(q => q.QueryHash, StringComparer.Ordinal)
            .Take(limit)
            .ToList();
        var hits = ran.Count(IsHit);
        var misses = ran.Count(e => e.CacheStatus == "miss");
        return SandboxResult.Json(HttpStatusCode.OK, new ProjectInsights
        {
            Queries = queries,
            Cache = new CacheSummary { TotalHits = hits, TotalMisses = misses, HitRate = hits + misses == 0 ? 0 : (double)hits / (hits + misses) },
            Latency = new LatencySummary { AvgMs = ran.Count == 0 ? 0 : ran.Average(e => e.LatencyMs ?? 0), P99Ms = Percentile(ran.Select(e => e.LatencyMs ?? 0), 99) },
        });
    }

    /// <summary>One snapshot per region and minute with traffic, newest first, <c>limit</c> of them (60 by default); <c>active_connections</c> counts the minute's distinct sessions.</summary>
    public static SandboxResult Metrics(SandboxCall call)
    {
        var project = call.State.RequireProject(call.Path("project_id"));
        ContractInput.Query(call, "getProjectMetrics");
        var limit = int.Parse(call.Query.String("limit") ?? "60", CultureInfo.InvariantCulture);
        var region = call.Query.String("region");
        var snapshots = Ran(call.State.AuditEntries.Where(e => e.ProjectId == project.Id && (region is null || (e.Region ?? "us-east-1") == region)))
            .GroupBy(e => (Region: e.Region ?? "us-east-1", Minute: new DateTimeOffset(e.Ts.UtcTicks - (e.Ts.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero)))
            .OrderByDescending(g => g.Key.Minute).ThenBy(g => g.Key.Region, StringComparer.Ordinal)
            .Take(limit)
            .Select(g => new MetricsSnapshot
            {
                Id = "msn_" + SqlText.Hash(project.Id + "|" + g.Key.Region + "|" + g.Key.Minute.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
                ProjectId = project.Id,
                Region = g.Key.Region,
                QueriesTotal = g.Count(),
                CacheHits = g.Count(IsHit),
                CacheMisses = g.Count(e => e.CacheStatus == "miss"),
                ActiveConnections = g.Select(e => e.SessionId).OfType<string>().Distinct(StringComparer.Ordinal).Count(),
                AvgLatencyMs = g.Average(e => e.LatencyMs ?? 0),
                P99LatencyMs = Percentile(g.Select(e => e.LatencyMs ?? 0), 99),
                AvgQueryMs = g.Average(e => e.LatencyMs ?? 0),
                CreatedAt = g.Key.Minute,
            })
            .ToList();
        return SandboxResult.Json(HttpStatusCode.OK, new ProjectMetricsResponse { Snapshots = snapshots });
    }

    private static AgentUsageLine Line(string? credentialId, List<AuditLogEntry> entries)
    {
        var measured = entries.Where(e => e.Event is "query" or "masked" or "truncated" && e.LatencyMs is { } l && double.IsFinite(l)).Select(e => e.LatencyMs!.Value).ToList();
        var line = new AgentUsageLine
        {
            Entries = entries.Count,
            Allowed = entries.Count(e => e.Event == "query"),
            Blocked = entries.Count(e => AuditLogsApi.DecisionOf(e.Event) == "block"),
            Masked = entries.Count(e => e.Event == "masked"),
            Truncated = entries.Count(e => e.Event == "truncated"),
            RowsReturned = entries.Sum(e => e.RowsReturned ?? 0),
            BytesOut = entries.Sum(e => e.BytesOut ?? 0),
            CacheHit = entries.Count(e => e.CacheStatus == "hit"),
            CacheStale = entries.Count(e => e.CacheStatus == "stale"),
            CacheMiss = entries.Count(e => e.CacheStatus == "miss"),
            CacheBypass = entries.Count(e => e.CacheStatus == "bypass"),
            LatencyMeasured = measured.Count,
            LatencyUnmeasured = entries.Count - measured.Count,
            LatencyMsTotal = measured.Sum(),
            LatencyP50Ms = Percentile(measured, 50),
            LatencyP95Ms = Percentile(measured, 95),
            LatencyP99Ms = Percentile(measured, 99),
            FirstSeen = entries.Count == 0 ? null : entries.Min(e => e.Ts),
            LastSeen = entries.Count == 0 ? null : entries.Max(e => e.Ts),
        };
        line.CacheNone = line.Entries - line.CacheHit - line.CacheStale - line.CacheMiss - line.CacheBypass;
        if (credentialId is not null)
        {
            line.CredentialId = credentialId;
        }

        return line;
    }

    /// <summary>The <c>start_date</c>/<c>end_date</c> range: end not before start, at most 366 days.</summary>
    private static (DateOnly First, DateOnly Last) Days(SandboxCall call, string operationId)
    {
        ContractInput.Query(call, operationId);
        var first = DateOnly.ParseExact(call.Query.String("start_date", required: true)!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var last = DateOnly.ParseExact(call.Query.String("end_date", required: true)!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (last < first)
        {
            throw SandboxProblem.Field("end_date", "invalid_value", "Query parameter 'end_date' must not be before 'start_date'.");
        }

        if (last.DayNumber - first.DayNumber >= MaxReportDays)
        {
            throw SandboxProblem.Field("end_date", "out_of_range", FormattableString.Invariant($"The range from 'start_date' to 'end_date' may cover at most {MaxReportDays} days."));
        }

        return (first, last);
    }

    private static IEnumerable<AuditLogEntry> Ran(IEnumerable<AuditLogEntry> entries) => entries.Where(e => e.Event is "query" or "masked" or "truncated");

    private static bool IsHit(AuditLogEntry entry) => entry.CacheStatus is "hit" or "stale";

    private static bool IsHit((AuditLogEntry Entry, DateOnly Day) item) => IsHit(item.Entry);

    /// <summary>Nearest-rank percentile; 0 for no values.</summary>
    private static double Percentile(IEnumerable<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Max(0, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }
}
