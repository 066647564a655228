using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;

namespace PgBeam.Tests.Export;

/// <summary>
/// The export over a real loopback connection, against a server that generates 50 MB of CSV as it is read. Live
/// managed memory is sampled with a forced full collection every 5 MB; it must stay far below the body's size.
/// </summary>
[NonParallelizable]
public class AuditLogExportStreamingTests
{
    private const long FiftyMegabytes = 50L * 1024 * 1024;
    private const long SampleEvery = 5L * 1024 * 1024;
    private const long MemoryCeiling = 8L * 1024 * 1024;

    [Test]
    public async Task Streams_50_MB_of_CSV_to_the_caller_with_memory_far_below_its_size()
    {
        var csv = new CsvExportBody(FiftyMegabytes);
        await using var server = LoopbackHttpServer.Start(csv.Streamed());
        using var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = server.BaseUrl });

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0, read = 0, newlines = 0, nextSample = SampleEvery;
        var export = await client.Agents.ExportAuditLogsAsync("prj_1", new ExportAuditLogsParams { Event = "blocked", Decision = AuditDecision.Block });
        await using (export)
        {
            var buffer = new byte[64 * 1024];
            int count;
            while ((count = await export.ReadAsync(buffer)) > 0)
            {
                read += count;
                newlines += buffer.AsSpan(0, count).Count((byte)'\n');
                if (read >= nextSample)
                {
                    nextSample += SampleEvery;
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                }
            }
        }

        TestContext.Out.WriteLine($"streamed {read / 1024 / 1024} MiB ({csv.RowsSent} rows); peak live growth {peak / 1024} KiB");
        Assert.That(read, Is.EqualTo(csv.BytesSent));
        Assert.That(read, Is.GreaterThanOrEqualTo(FiftyMegabytes));
        Assert.That(newlines, Is.EqualTo(csv.RowsSent + 1), "the header and every row arrived");
        Assert.That(peak, Is.LessThan(MemoryCeiling), "the body is never held whole");
        Assert.That(server.Requests.Single().Line, Is.EqualTo("GET /v1/projects/prj_1/audit-logs/export?event=blocked&decision=block HTTP/1.1"));
        Assert.That(server.Requests.Single().Header("Accept"), Is.EqualTo("text/csv"));
        Assert.That(server.Requests.Single().Header("Authorization"), Is.EqualTo("Bearer " + TestClients.ApiKey));
    }

    [Test]
    public async Task The_copy_overload_streams_50_MB_through_a_caller_supplied_HttpClient_without_buffering_it()
    {
        var csv = new CsvExportBody(FiftyMegabytes);
        await using var server = LoopbackHttpServer.Start(csv.Streamed());
        using var httpClient = new HttpClient();
        using var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = server.BaseUrl, HttpClient = httpClient });

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        var destination = new CountingStream(SampleEvery, _ => peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline));

        var written = await client.Agents.ExportAuditLogsAsync("prj_1", destination, new ExportAuditLogsParams { Start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero) });

        TestContext.Out.WriteLine($"copied {written / 1024 / 1024} MiB; peak live growth {peak / 1024} KiB");
        Assert.That(written, Is.EqualTo(csv.BytesSent));
        Assert.That(destination.BytesWritten, Is.EqualTo(written));
        Assert.That(destination.Newlines, Is.EqualTo(csv.RowsSent + 1));
        Assert.That(peak, Is.LessThan(MemoryCeiling), "HttpClient must not read the whole body before returning");
        Assert.That(server.Requests.Single().Line, Does.StartWith("GET /v1/projects/prj_1/audit-logs/export?start=2026-01-01T00%3A00%3A00.0000000%2B00%3A00 "));
    }

    [Test]
    public async Task A_connection_lost_part_way_through_the_body_surfaces_as_a_network_exception()
    {
        var csv = new CsvExportBody(targetBytes: 10L * 1024 * 1024);
        await using var server = LoopbackHttpServer.Start(csv.CutOffAfter(cutAfterBytes: 256 * 1024));
        using var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = server.BaseUrl });

        var export = await client.Agents.ExportAuditLogsAsync("prj_1");
        long read = 0;
        var error = Assert.ThrowsAsync<PgBeamNetworkException>(async () =>
        {
            await using (export)
            {
                var buffer = new byte[16 * 1024];
                int count;
                while ((count = await export.ReadAsync(buffer)) > 0)
                {
                    read += count;
                }
            }
        });

        Assert.That(read, Is.EqualTo(csv.BytesSent), "everything sent before the cut was delivered");
        Assert.That(error!.Message, Does.Contain("exportAuditLogs").And.Contain(read.ToString(CultureInfo.InvariantCulture) + " bytes"));
        Assert.That(error.InnerException, Is.InstanceOf<System.IO.IOException>().Or.InstanceOf<HttpRequestException>());
    }
}
