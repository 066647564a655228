using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class UsageReportTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(Start.UtcDateTime);

    private void Seed(string projectId, DateTimeOffset ts, string? credentialId = null, string eventName = "query", string cache = "miss", long bytes = 100, double latency = 2, string region = "us-east-1", string sql = "SELECT id FROM orders WHERE id = 1", string? session = null)
    {
        var entry = new AuditLogEntry { Ts = ts, Event = eventName, CacheStatus = cache, BytesOut = bytes, LatencyMs = latency, Region = region, Sql = sql, RowsReturned = 1 };
        if (credentialId is not null)
        {
            entry.CredentialId = credentialId;
        }

        if (session is not null)
        {
            entry.SessionId = session;
        }

        Sandbox.SeedAuditEntry(projectId, entry);
    }

    [Test]
    public async Task Project_and_organization_usage_add_up_the_traffic_per_day()
    {
        var shop = await CreateProjectAsync();
        var blog = await CreateProjectAsync("blog");
        Seed(shop.Id, Start.AddDays(-1), cache: "hit", bytes: 10);
        Seed(shop.Id, Start.AddDays(-1).AddMinutes(1), bytes: 20, region: "eu-west-1");
        Seed(shop.Id, Start, cache: "stale", bytes: 30);
        Seed(shop.Id, Start.AddMinutes(1), eventName: "blocked", bytes: 0);
        Seed(blog.Id, Start.AddMinutes(2), bytes: 40);

        var project = await Client.Analytics.GetProjectUsageAsync(shop.Id, Today.AddDays(-2), Today);
        var organization = await Client.Analytics.GetOrganizationUsageAsync(Sandbox.OrganizationId, Today.AddDays(-2), Today);
        var backwards = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Analytics.GetProjectUsageAsync(shop.Id, Today, Today.AddDays(-1)));
        var stranger = Assert.ThrowsAsync<PgBeamForbiddenException>(() => Client.Analytics.GetOrganizationUsageAsync("org_someone_else", Today, Today));

        Assert.That(project.Usage.Select(u => (u.Day, u.Region, u.QueriesTotal, u.CacheHits, u.CacheMisses, u.BytesTransferred)), Is.EqualTo(new[]
        {
            (Today.AddDays(-1), "eu-west-1", 1L, 0L, 1L, 20L),
            (Today.AddDays(-1), "us-east-1", 1L, 1L, 0L, 10L),
            (Today, "us-east-1", 1L, 1L, 0L, 30L),
        }));
        Assert.That(organization.Usage.Select(u => (u.Day, u.QueriesTotal, u.BytesTransferred)), Is.EqualTo(new[]
        {
            (Today.AddDays(-2), 0L, 0L),
            (Today.AddDays(-1), 2L, 30L),
            (Today, 2L, 70L),
        }));
        Assert.That(backwards!.Errors.Single().Field, Is.EqualTo("end_date"));
        Assert.That(stranger, Is.Not.Null);
    }

    [Test]
    public async Task The_agent_breakdown_splits_the_trail_per_credential_and_adds_up_to_the_totals()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var busy = (await CreateCredentialAsync(project.Id, policy.Id, "busy")).Credential.Id;
        var calm = (await CreateCredentialAsync(project.Id, policy.Id, "calm")).Credential.Id;
        for (var i = 1; i <= 4; i++)
        {
            Seed(project.Id, Start.AddMinutes(-10 * i), busy, latency: i * 10, cache: i == 1 ? "hit" : "miss");
        }

        Seed(project.Id, Start.AddMinutes(-50), busy, eventName: "blocked", latency: 0, cache: "");
        Seed(project.Id, Start.AddMinutes(-5), calm, eventName: "masked", latency: 7);
        Seed(project.Id, Start.AddMinutes(-3), eventName: "auth_failed", latency: 0, cache: "");
        Seed(project.Id, Start.AddDays(-40), busy);
        Clock.Advance(TimeSpan.FromMinutes(1));

        var report = await Client.Agents.GetAgentUsageBreakdownAsync(project.Id);
        var tooWide = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Agents.GetAgentUsageBreakdownAsync(project.Id, new GetAgentUsageBreakdownParams { Start = Start.AddDays(-100) }));

        Assert.That((report.RequestedStart, report.RequestedEnd), Is.EqualTo((Start.AddMinutes(1).AddDays(-30), Start.AddMinutes(1))));
        Assert.That((report.WindowStart, report.WindowEnd, report.Complete), Is.EqualTo((Start.AddMinutes(-50), Start.AddMinutes(-3), true)));
        Assert.That(report.Agents.Select(a => (a.CredentialId, a.Entries)), Is.EqualTo(new[] { (busy, 5L), (calm, 1L) }), "busiest first");
        var line = report.Agents[0];
        Assert.That((line.Allowed, line.Blocked, line.CacheHit, line.CacheMiss, line.CacheNone), Is.EqualTo((4L, 1L, 1L, 3L, 1L)));
        Assert.That((line.LatencyMeasured, line.LatencyUnmeasured, line.LatencyMsTotal), Is.EqualTo((4L, 1L, 100.0)));
        Assert.That((line.LatencyP50Ms, line.LatencyP95Ms, line.LatencyP99Ms), Is.EqualTo((20.0, 40.0, 40.0)));
        Assert.That((report.Unattributed.Entries, report.Unattributed.Blocked, report.Unattributed.CredentialId), Is.EqualTo((1L, 1L, (string?)null)));
        Assert.That(report.Totals.Entries, Is.EqualTo(report.Agents.Sum(a => a.Entries) + report.Unattributed.Entries));
        Assert.That(report.Totals.BytesOut, Is.EqualTo(report.Agents.Sum(a => a.BytesOut) + report.Unattributed.BytesOut));
        Assert.That(report.MarginalRates.QueryOverageBillable, Is.False);
        Assert.That(tooWide!.Errors.Single().Field, Is.EqualTo("start"));
    }

    [Test]
    public async Task Insights_and_metrics_describe_the_recorded_queries()
    {
        var project = await CreateProjectAsync();
        Seed(project.Id, Start.AddHours(-2), sql: "SELECT * FROM users WHERE id = 1", cache: "hit", latency: 1, session: "s1");
        Seed(project.Id, Start.AddMinutes(-30), sql: "SELECT * FROM users WHERE id = 2", cache: "miss", latency: 3, session: "s1");
        Seed(project.Id, Start.AddMinutes(-30).AddSeconds(5), sql: "SELECT * FROM users WHERE id = 3", cache: "hit", latency: 5, session: "s2");
        Seed(project.Id, Start.AddMinutes(-20), sql: "SELECT count(*) FROM orders", cache: "miss", latency: 8, region: "eu-west-1");
        Seed(project.Id, Start.AddMinutes(-10), eventName: "blocked", sql: "DELETE FROM users");

        var day = await Client.Analytics.GetProjectInsightsAsync(project.Id);
        var hour = await Client.Analytics.GetProjectInsightsAsync(project.Id, new GetProjectInsightsParams { Range = ProjectInsightsRange.OneHour, Limit = 1 });
        var metrics = await Client.Projects.GetProjectMetricsAsync(project.Id);
        var europe = await Client.Projects.GetProjectMetricsAsync(project.Id, new GetProjectMetricsParams { Region = "eu-west-1" });
        var latest = await Client.Projects.GetProjectMetricsAsync(project.Id, new GetProjectMetricsParams { Limit = 1 });

        Assert.That(day.Queries.Select(q => (q.QueryPattern, q.TotalCount, q.TotalCacheHits)), Is.EqualTo(new[]
        {
            ("SELECT * FROM users WHERE id = $1", 3L, 2L),
            ("SELECT count(*) FROM orders", 1L, 0L),
        }));
        Assert.That(day.Queries[0].AvgLatencyMs, Is.EqualTo(3.0));
        Assert.That((day.Cache.TotalHits, day.Cache.TotalMisses, day.Cache.HitRate), Is.EqualTo((2L, 2L, 0.5)));
        Assert.That((day.Latency.AvgMs, day.Latency.P99Ms), Is.EqualTo((4.25, 8.0)));
        Assert.That(hour.Queries.Select(q => (q.TotalCount, q.TotalCacheHits)), Is.EqualTo(new[] { (2L, 1L) }), "one hour back, limited to the busiest shape");
        Assert.That(metrics.Snapshots.Select(s => (s.Region, s.CreatedAt, s.QueriesTotal)), Is.EqualTo(new[]
        {
            ("eu-west-1", Start.AddMinutes(-20), 1L),
            ("us-east-1", Start.AddMinutes(-30), 2L),
            ("us-east-1", Start.AddHours(-2), 1L),
        }));
        Assert.That(metrics.Snapshots[1].ActiveConnections, Is.EqualTo(2));
        Assert.That(metrics.Snapshots.All(s => s.Id.StartsWith("msn_", StringComparison.Ordinal) && s.ProjectId == project.Id), Is.True);
        Assert.That(europe.Snapshots.Select(s => s.Region), Is.EqualTo(new[] { "eu-west-1" }));
        Assert.That(latest.Snapshots, Has.Count.EqualTo(1));
    }
}
