using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Http;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Transport;

/// <summary>The one response the transport does not read inside the attempt: a successful streamed body (the CSV export).</summary>
public class StreamedResponseTests
{
    private const string ExportPath = "/v1/projects/prj_1/audit-logs/export";

    [Test]
    public async Task A_successful_streamed_response_is_handed_back_unread()
    {
        var body = new StalledBodyStream(Encoding.UTF8.GetBytes("id,event\n1,blocked\n"));
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, ExportPath, () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) });
        using var client = TestClients.Create(mock);

        // The body never ends: were the transport to buffer it, this call would not return.
        using var response = await client.Caller.SendForStreamAsync(ExportRequest(), null, default).WaitAsync(System.TimeSpan.FromSeconds(10));

        Assert.That(response.Content, Is.Not.InstanceOf<BufferedResponseContent>());
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.That(await reader.ReadLineAsync(), Is.EqualTo("id,event"));
    }

    [Test]
    public void An_error_on_a_streamed_call_is_still_read_and_mapped()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, ExportPath, () => Json(HttpStatusCode.Forbidden, """{"error":{"code":"PLAN_LIMIT","message":"Exports need the Pro plan"}}"""));
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<PgBeamForbiddenException>(() => client.Caller.SendForStreamAsync(ExportRequest(), null, default));

        Assert.That(error!.ServerMessage, Is.EqualTo("Exports need the Pro plan"));
        Assert.That(error.ErrorCode, Is.EqualTo("PLAN_LIMIT"));
    }

    private static ApiRequest ExportRequest()
    {
        var request = new ApiRequest("GET", "exportAuditLogs", "v1/projects/{project_id}/audit-logs/export") { Accept = "text/csv", StreamResponse = true };
        request.AddPathParameter("project_id", "prj_1", "projectId");
        return request;
    }
}
