using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using PgBeam.Tests.Export;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Security;

/// <summary>
/// Item 8 of issue 9: a JSON body, success or error, is read up to PgBeamClientOptions.MaxResponseBytes (counted after
/// decompression); past it the call fails with PgBeamResponseTooLargeException, which says the limit and how to raise
/// it, and is not retried. The CSV export stream is neither buffered nor bounded.
/// </summary>
public class ResponseSizeLimitTests
{
    private const long OneMebibyte = 1024 * 1024;

    private static void AssertTooLarge(PgBeamResponseTooLargeException? error, long limit)
    {
        Assert.That(error, Is.Not.Null);
        Assert.That(error!.Limit, Is.EqualTo(limit));
        Assert.That(error.Message, Does.Contain(limit.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Contain("PgBeamClientOptions.MaxResponseBytes"));
    }

    [Test]
    public void The_default_limit_is_32_MiB()
    {
        Assert.That(new PgBeamClientOptions().MaxResponseBytes, Is.EqualTo(32 * OneMebibyte));
        Assert.That(PgBeamClientOptions.DefaultMaxResponseBytes, Is.EqualTo(32 * OneMebibyte));
    }

    [Test]
    public async Task An_endless_chunked_body_stops_at_the_limit_and_is_not_retried()
    {
        await using var server = LoopbackHttpServer.Start(RawResponders.EndlessChunkedJson(giveUpAfterBytes: 256 * OneMebibyte));
        using var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = server.BaseUrl, MaxResponseBytes = OneMebibyte });

        var error = Assert.ThrowsAsync<PgBeamResponseTooLargeException>(() => client.Policies.ListPolicyProfilesAsync("prj_1"));

        AssertTooLarge(error, OneMebibyte);
        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(error.OperationId, Is.EqualTo("listPolicyProfiles"));
        Assert.That(server.Requests, Has.Count.EqualTo(1), "not retried");
    }

    [Test]
    public async Task A_gzip_bomb_is_counted_after_decompression()
    {
        await using var server = LoopbackHttpServer.Start(RawResponders.GzipBomb(inflatedBytes: 8 * (int)OneMebibyte));
        using var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = server.BaseUrl, MaxResponseBytes = OneMebibyte });

        var error = Assert.ThrowsAsync<PgBeamResponseTooLargeException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        AssertTooLarge(error, OneMebibyte);
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_compressed_body_under_the_limit_once_inflated_is_read()
    {
        await using var server = LoopbackHttpServer.Start(RawResponders.GzipBomb(inflatedBytes: 512 * 1024));
        using var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = server.BaseUrl, MaxResponseBytes = OneMebibyte });

        var profile = await client.Policies.GetPolicyProfileAsync("prj_1", "pol_1");

        Assert.That(profile.Id, Is.EqualTo("pol_1"));
    }

    [Test]
    public async Task An_oversized_error_body_of_a_retryable_status_fails_at_once_with_its_status()
    {
        var body = """{"detail":"busy","padding":""" + "\"" + new string('x', 2 * (int)OneMebibyte) + "\"}";
        await using var server = LoopbackHttpServer.Start(
            LoopbackHttpServer.Respond(503, body, "application/json", "Retry-After: 0"),
            LoopbackHttpServer.Respond(200, PolicyJson));
        using var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = server.BaseUrl, MaxResponseBytes = OneMebibyte });

        var error = Assert.ThrowsAsync<PgBeamResponseTooLargeException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        AssertTooLarge(error, OneMebibyte);
        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(error.Message, Does.Contain("announces"), "an announced length over the limit is refused before reading");
        Assert.That(server.Requests, Has.Count.EqualTo(1), "not retried");
    }

    [TestCase(0, true, TestName = "A_body_exactly_at_the_limit_is_read")]
    [TestCase(-1, false, TestName = "A_body_one_byte_over_the_limit_is_refused")]
    public async Task The_limit_is_inclusive(int slack, bool fits)
    {
        var size = Encoding.UTF8.GetByteCount(PolicyJson);
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(PolicyJson))) });
        using var client = TestClients.Create(mock, options => options.MaxResponseBytes = size + slack);

        if (fits)
        {
            Assert.That((await client.Policies.GetPolicyProfileAsync("prj_1", "pol_1")).Id, Is.EqualTo("pol_1"));
        }
        else
        {
            AssertTooLarge(Assert.ThrowsAsync<PgBeamResponseTooLargeException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1")), size + slack);
        }
    }

    [Test]
    public async Task A_caller_HttpClient_does_not_buffer_past_the_limit_either()
    {
        await using var server = LoopbackHttpServer.Start(RawResponders.EndlessChunkedJson(giveUpAfterBytes: 256 * OneMebibyte));
        using var httpClient = new HttpClient();
        using var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = server.BaseUrl, HttpClient = httpClient, MaxResponseBytes = OneMebibyte });

        AssertTooLarge(Assert.ThrowsAsync<PgBeamResponseTooLargeException>(() => client.Policies.ListPolicyProfilesAsync("prj_1")), OneMebibyte);
    }

    [Test]
    public async Task Under_AddPgBeam_the_limit_applies_too()
    {
        await using var server = LoopbackHttpServer.Start(RawResponders.EndlessChunkedJson(giveUpAfterBytes: 256 * OneMebibyte));
        var services = new ServiceCollection();
        services.AddPgBeam(options =>
        {
            options.ApiKey = TestClients.ApiKey;
            options.BaseUrl = server.BaseUrl;
            options.MaxResponseBytes = OneMebibyte;
        });
        using var provider = services.BuildServiceProvider();

        AssertTooLarge(Assert.ThrowsAsync<PgBeamResponseTooLargeException>(() => provider.GetRequiredService<PgBeamClient>().Policies.ListPolicyProfilesAsync("prj_1")), OneMebibyte);
    }

    [Test]
    public async Task The_CSV_export_is_streamed_past_the_limit()
    {
        var csv = new CsvExportBody(4 * OneMebibyte);
        await using var server = LoopbackHttpServer.Start(csv.Streamed());
        using var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = server.BaseUrl, MaxResponseBytes = 64 * 1024 });

        long read = 0;
        var export = await client.Agents.ExportAuditLogsAsync("prj_1");
        await using (export)
        {
            var buffer = new byte[64 * 1024];
            int count;
            while ((count = await export.ReadAsync(buffer)) > 0)
            {
                read += count;
            }
        }

        Assert.That(read, Is.GreaterThanOrEqualTo(4 * OneMebibyte).And.EqualTo(csv.BytesSent));
    }

    [TestCase(0L)]
    [TestCase(-1L)]
    public void A_limit_that_is_not_positive_is_refused_at_construction(long limit)
    {
        var error = Assert.Throws<ArgumentException>(() => new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, MaxResponseBytes = limit }));

        Assert.That(error!.Message, Does.Contain("MaxResponseBytes"));
    }
}
