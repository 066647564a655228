using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>The dispatcher's generic protocol (ETag, If-None-Match, If-Match, Idempotency-Key) on the gateway's kept resources.</summary>
[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class GatewayProtocolTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public async Task A_read_carries_an_ETag_that_answers_304_until_the_resource_changes()
    {
        var project = await CreateProjectAsync();
        var rule = await Client.Anomalies.CreateAnomalyRuleAsync(project.Id, new AnomalyRuleInput { Metric = AnomalyMetric.ErrorsPerHour });
        using var http = CreateRawHttpClient();
        var path = $"v1/projects/{project.Id}/anomaly-rules/{rule.Id}";

        using var first = await http.GetAsync(path);
        var tag = first.Headers.ETag!;
        using var again = await SendAsync(http, HttpMethod.Get, path, ifNoneMatch: tag);
        await Client.Anomalies.UpdateAnomalyRuleAsync(project.Id, rule.Id, new AnomalyRuleInput { Metric = AnomalyMetric.ErrorsPerHour, Floor = 5 });
        using var changed = await SendAsync(http, HttpMethod.Get, path, ifNoneMatch: tag);
        using var stale = await SendAsync(http, HttpMethod.Put, path, ifMatch: tag.Tag, json: """{"metric":"errors_per_hour"}""");

        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
        Assert.That((await Client.Anomalies.GetAnomalyRuleAsync(project.Id, rule.Id)).Floor, Is.EqualTo(5), "the refused write changed nothing");
    }

    [Test]
    public async Task A_create_retried_with_the_same_Idempotency_Key_makes_one_resource()
    {
        var project = await CreateProjectAsync();
        var options = new RequestOptions { IdempotencyKey = "create-payments-rule" };
        var input = new ApprovalRuleInput { Name = "payments", RelationName = "payments" };

        var first = await Client.Approvals.CreateApprovalRuleAsync(project.Id, input, options);
        var replayed = await Client.Approvals.CreateApprovalRuleAsync(project.Id, input, options);
        var listed = await Client.Approvals.ListApprovalRulesAsync(project.Id);

        Assert.That(replayed.Id, Is.EqualTo(first.Id));
        Assert.That(listed.ApprovalRules.Select(r => r.Id), Is.EqualTo(new[] { first.Id }));
        Assert.That(Sandbox.Requests.Count(r => r.OperationId == "createApprovalRule" && r.Replayed), Is.EqualTo(1));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, EntityTagHeaderValue? ifNoneMatch = null, string? ifMatch = null, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }
}
