using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Export;

/// <summary>The export's request, its error mapping and its parameters, over MockHttp.</summary>
public class AuditLogExportTests
{
    private const string ExportUrl = TestClients.BaseUrl + "/v1/projects/prj_1/audit-logs/export";
    private const string Csv = "id,project_id,event\naud_1,prj_1,blocked\naud_2,prj_1,query\n";

    [Test]
    public async Task Sends_accept_text_csv_with_every_filter_and_returns_the_body_as_a_stream()
    {
        using var mock = new MockHttpMessageHandler();
        HttpRequestMessage? seen = null;
        mock.Expect(HttpMethod.Get, ExportUrl)
            .WithExactQueryString("credential_id=agt_1&event=blocked&decision=block&source=mcp&start=2026-01-01T00%3A00%3A00.0000000%2B00%3A00&end=2026-02-01T00%3A00%3A00.0000000%2B00%3A00")
            .With(request =>
            {
                seen = request;
                return true;
            })
            .Respond("text/csv", Csv);
        using var client = TestClients.Create(mock);

        var export = await client.Agents.ExportAuditLogsAsync("prj_1", new ExportAuditLogsParams
        {
            CredentialId = "agt_1",
            Event = "blocked",
            Decision = AuditDecision.Block,
            Source = AuditSource.Mcp,
            Start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            End = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
        });
        string text;
        await using (export)
        {
            Assert.That(export.CanRead, Is.True);
            Assert.That(export.CanSeek, Is.False);
            Assert.That(export.CanWrite, Is.False);
            using var reader = new StreamReader(export, Encoding.UTF8);
            text = await reader.ReadToEndAsync();
        }

        mock.VerifyNoOutstandingExpectation();
        Assert.That(text, Is.EqualTo(Csv));
        Assert.That(seen!.Headers.Accept.Single().MediaType, Is.EqualTo("text/csv"));
        Assert.That(seen.Headers.Authorization!.ToString(), Is.EqualTo("Bearer " + TestClients.ApiKey));
        Assert.That(seen.Headers.Contains("Idempotency-Key"), Is.False, "a GET carries no idempotency key");
    }

    [Test]
    public async Task The_copy_overload_writes_the_body_to_the_destination_and_returns_its_length()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, ExportUrl).Respond("text/csv", Csv);
        using var client = TestClients.Create(mock);
        using var destination = new MemoryStream();

        var written = await client.Agents.ExportAuditLogsAsync("prj_1", destination);

        Assert.That(written, Is.EqualTo(Encoding.UTF8.GetByteCount(Csv)));
        Assert.That(Encoding.UTF8.GetString(destination.ToArray()), Is.EqualTo(Csv));
        Assert.That(destination.CanWrite, Is.True, "the caller's stream is left open");
    }

    [TestCase(HttpStatusCode.BadRequest, typeof(PgBeamValidationException))]
    [TestCase(HttpStatusCode.Unauthorized, typeof(PgBeamUnauthorizedException))]
    [TestCase(HttpStatusCode.Forbidden, typeof(PgBeamForbiddenException))]
    [TestCase(HttpStatusCode.NotFound, typeof(PgBeamNotFoundException))]
    public void An_error_status_maps_to_the_sdks_exception_for_both_overloads(HttpStatusCode status, Type expected)
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, ExportUrl).Respond(status, "application/json", """{"error":{"code":"nope","message":"not allowed here"}}""");
        using var client = TestClients.Create(mock);
        using var destination = new MemoryStream();

        var streamError = Assert.CatchAsync<PgBeamApiException>(async () => await client.Agents.ExportAuditLogsAsync("prj_1"));
        var copyError = Assert.CatchAsync<PgBeamApiException>(async () => await client.Agents.ExportAuditLogsAsync("prj_1", destination));

        Assert.That(streamError, Is.TypeOf(expected));
        Assert.That(copyError, Is.TypeOf(expected));
        Assert.That(streamError!.Message, Does.Contain("not allowed here"));
        Assert.That(destination.Length, Is.Zero);
    }

    [Test]
    public void A_destination_that_cannot_be_written_is_refused_before_anything_is_sent()
    {
        using var mock = new MockHttpMessageHandler();
        var route = mock.When(HttpMethod.Get, ExportUrl).Respond("text/csv", Csv);
        using var client = TestClients.Create(mock);
        using var readOnly = new MemoryStream(new byte[4], writable: false);

        Assert.That(async () => await client.Agents.ExportAuditLogsAsync("prj_1", readOnly), Throws.ArgumentException.With.Property(nameof(ArgumentException.ParamName)).EqualTo("destination"));
        Assert.That(async () => await client.Agents.ExportAuditLogsAsync("prj_1", (Stream)null!), Throws.ArgumentNullException);
        Assert.That(async () => await client.Agents.ExportAuditLogsAsync(".."), Throws.ArgumentException.With.Property(nameof(ArgumentException.ParamName)).EqualTo("projectId"));
        Assert.That(mock.GetMatchCount(route), Is.Zero);
    }

    [Test]
    public void ExportAuditLogsParams_has_the_filters_of_ListAuditLogsParams_without_paging()
    {
        static string[] Describe(Type type, params string[] except) => type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => !except.Contains(p.Name))
            .Select(p => $"{p.Name}:{p.PropertyType}")
            .OrderBy(d => d, StringComparer.Ordinal)
            .ToArray();

        Assert.That(Describe(typeof(ExportAuditLogsParams)), Is.EqualTo(Describe(typeof(ListAuditLogsParams), "Before", "PageSize", "PageToken")));
    }

    [Test]
    public void Cloning_export_parameters_leaves_the_original_alone()
    {
        var original = new ExportAuditLogsParams { Event = "blocked" };

        var copy = original.Clone();
        copy.Event = "query";

        Assert.That(original.Event, Is.EqualTo("blocked"));
    }
}
