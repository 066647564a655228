using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Pagination;

/// <summary>
/// Measures the live managed memory of an audit-log walk. The fake server generates each page on demand from the
/// entry index, so the only entries in memory are those the walk holds. Live memory is sampled with a forced full
/// collection at 20 evenly spaced points of each walk; a walk ten times longer must not hold more.
/// </summary>
[NonParallelizable]
public class AuditLogWalkMemoryTests
{
    private static readonly DateTimeOffset Newest = new(2026, 1, 31, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Walking_100000_audit_entries_holds_one_page_at_a_time()
    {
        await WalkAsync(1_000); // warm-up: JIT, pools and statics are not what is measured

        var small = await WalkAsync(10_000);
        var large = await WalkAsync(100_000);

        TestContext.Out.WriteLine($"10 000 entries:  peak live growth {Kib(small.PeakGrowth)} KiB, {small.Requests} requests, {Kib(small.Allocated)} KiB allocated, {small.Elapsed.TotalMilliseconds:F0} ms");
        TestContext.Out.WriteLine($"100 000 entries: peak live growth {Kib(large.PeakGrowth)} KiB, {large.Requests} requests, {Kib(large.Allocated)} KiB allocated, {large.Elapsed.TotalMilliseconds:F0} ms");

        Assert.That(large.Requests, Is.GreaterThanOrEqualTo(1000), "100 000 entries at 100 per page");
        // Holding every entry would take tens of MB (an entry object with its strings is several hundred bytes).
        Assert.That(large.PeakGrowth, Is.LessThan(4 * 1024 * 1024), "peak live memory stays near one page");
        Assert.That(large.PeakGrowth, Is.LessThan(small.PeakGrowth + (1024 * 1024)), "ten times the entries does not hold more memory");
    }

    private static async Task<WalkMeasurement> WalkAsync(int count)
    {
        using var mock = new MockHttpMessageHandler();
        // Pairs of entries share a timestamp, so page boundaries regularly fall inside a group and the de-duplication runs.
        var server = AuditLogServer.Serve(
            mock,
            count,
            i => ("aud_" + i.ToString("D8", CultureInfo.InvariantCulture), Newest.AddTicks(-(i / 2) * TimeSpan.TicksPerMillisecond)),
            recordRequests: false);
        using var client = TestClients.Create(mock);
        var sampleEvery = Math.Max(1, count / 20);

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        long peak = 0;
        long expected = 0;
        await foreach (var entry in client.Agents.ListAuditLogsAutoPagingAsync("prj_1", new ListAuditLogsParams { PageSize = 100 }))
        {
            // Every entry once, in order, without keeping any of them.
            if (entry.Id != "aud_" + expected.ToString("D8", CultureInfo.InvariantCulture))
            {
                Assert.Fail($"entry {expected} is {entry.Id}");
            }

            expected++;
            if (expected % sampleEvery == 0)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
            }
        }

        stopwatch.Stop();
        Assert.That(expected, Is.EqualTo(count));
        return new WalkMeasurement(peak, server.RequestCount, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, stopwatch.Elapsed);
    }

    private static string Kib(long bytes) => (bytes / 1024.0).ToString("N0", CultureInfo.InvariantCulture);

    private sealed record WalkMeasurement(long PeakGrowth, int Requests, long Allocated, TimeSpan Elapsed);
}
