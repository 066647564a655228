using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Readme;

/// <summary>
/// Runs the README's "Examples" blocks (the C# twins of the Go SDK page's examples) exactly as written, against a
/// fake API, and checks each sends the requests the contract describes. A README edit that changes what an example
/// sends fails here; an example block without an expectation fails too.
/// </summary>
[NonParallelizable] // sets PGBEAM_WEBHOOK_SECRET, which the webhook examples read
public class SeedExampleTests
{
    private const string Project = "/v1/projects/prj_xxx";
    private const string ProfileJson = """{"id":"pol_xxx","project_id":"prj_xxx","name":"analytics-readonly","access_mode":"read_only","table_allowlist":["public.orders"],"table_denylist":["public.secrets"],"masking_rules":[{"table":"users","column":"email","kind":"hash"}],"max_rows":1000,"write_mode":"sandbox","created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}""";
    private const string CredentialJson = """{"id":"agt_xxx","project_id":"prj_xxx","policy_profile_id":"pol_xxx","name":"claude-analytics","pg_username":"agent_claude","status":"active","created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}""";
    private const string WebhookJson = """{"id":"wh_xxx","project_id":"prj_xxx","url":"https://example.com/pgbeam/events","format":"json","event_types":["approval_requested","anomaly_alert"],"enabled":true,"description":"on-call","created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}""";
    private const string WebhookSecret = "whsec_seed_example";

    /// <summary>What one example must send, request by request: method, path and query, JSON body (null: none).</summary>
    public sealed record Expectation(string Call, params (HttpMethod Method, string PathAndQuery, string? Body)[] Requests);

    private static readonly Expectation[] Expectations =
    [
        new("ListPolicyProfilesAsync", (HttpMethod.Get, Project + "/policies", null)),
        new("UpdatePolicyProfileAsync",
            (HttpMethod.Get, Project + "/policies/pol_xxx", null),
            (HttpMethod.Put, Project + "/policies/pol_xxx", """{"name":"analytics-readonly","access_mode":"read_only","table_allowlist":["public.orders"],"table_denylist":["public.secrets","public.payroll"],"masking_rules":[{"table":"users","column":"email","kind":"hash"}],"max_rows":500,"write_mode":"sandbox"}""")),
        new("RotateAgentCredentialAsync",
            (HttpMethod.Post, Project + "/agents/agt_xxx/rotate", null),
            (HttpMethod.Delete, Project + "/agents/agt_xxx", null)),
        new("ApproveApprovalRequestAsync", (HttpMethod.Post, Project + "/approvals/apr_xxx/approve", """{"reason":"verified against ticket OPS-1234"}""")),
        new("CreateWebhookEndpointAsync",
            (HttpMethod.Post, Project + "/webhooks", """{"url":"https://example.com/pgbeam/events","enabled":true,"event_types":["approval_requested","anomaly_alert"],"secret":"whsec_seed_example"}""")),
        new("UpdateWebhookEndpointAsync",
            (HttpMethod.Get, Project + "/webhooks/wh_xxx", null),
            (HttpMethod.Put, Project + "/webhooks/wh_xxx", """{"url":"https://example.com/pgbeam/events","secret":"whsec_seed_example","format":"json","event_types":["approval_requested"],"enabled":true,"description":"on-call"}""")),
        new("ListAuditLogsAsync", (HttpMethod.Get, Project + "/audit-logs?event=blocked", null)),
    ];

    private static IReadOnlyList<ReadmeCodeBlock> ExampleBlocks() =>
        [.. ReadmeCodeBlock.Parse(File.ReadAllText(RepoPaths.Combine("README.md"))).Where(block => block.Section == "examples")];

    private static Expectation? ExpectationFor(ReadmeCodeBlock block) =>
        Expectations.FirstOrDefault(expectation => block.Code.Contains(expectation.Call + "(", StringComparison.Ordinal));

    public static TestCaseData[] Blocks() =>
        [.. ExampleBlocks().Select(block => new TestCaseData(block).SetName($"README_example_at_line_{block.FirstLine}_sends_the_contract_requests"))];

    [TestCaseSource(nameof(Blocks))]
    public async Task Example(ReadmeCodeBlock block)
    {
        var expectation = ExpectationFor(block);
        Assert.That(expectation, Is.Not.Null, $"{block} has no expectation in SeedExampleTests: add what it must send");

        var sent = await RunAsync(block);

        Assert.That(sent.Select(r => $"{r.Method} {r.Url}").ToArray(),
            Is.EqualTo(expectation!.Requests.Select(r => $"{r.Method} {TestClients.Url(r.PathAndQuery)}").ToArray()));
        for (var i = 0; i < sent.Count; i++)
        {
            sent[i].AssertSdkHeaders();
            if (expectation.Requests[i].Body is { } body)
            {
                sent[i].AssertJsonBody(body);
            }
            else
            {
                Assert.That(sent[i].Body, Is.Null, $"request {i + 1} of {block} must not have a body");
            }
        }
    }

    [Test]
    public void Every_seed_example_has_exactly_one_readme_block()
    {
        var matched = ExampleBlocks().Select(ExpectationFor).Where(e => e is not null).Select(e => e!.Call).ToList();

        Assert.That(matched, Is.EquivalentTo(Expectations.Select(e => e.Call)));
    }

    private static async Task<List<SentRequest>> RunAsync(ReadmeCodeBlock block)
    {
        var errors = ReadmeCompiler.Emit(block.Code, block.FirstLine, out var image);
        Assert.That(errors, Is.Empty, string.Join('\n', errors));

        using var api = FakeApi(out var sent);
        using var client = TestClients.Create(api, options => options.Retry.MaxRetries = 0);
        var savedSecret = Environment.GetEnvironmentVariable("PGBEAM_WEBHOOK_SECRET");
        var context = new AssemblyLoadContext("readme-example", isCollectible: true);
        try
        {
            Environment.SetEnvironmentVariable("PGBEAM_WEBHOOK_SECRET", WebhookSecret);
            var assembly = context.LoadFromStream(new MemoryStream(image!));
            assembly.GetType("ReadmePrelude")!.GetField("client")!.SetValue(null, client);
            var entryPoint = assembly.EntryPoint!;
            var result = entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? [] : [Array.Empty<string>()]);
            if (result is Task task)
            {
                await task;
            }
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
        finally
        {
            Environment.SetEnvironmentVariable("PGBEAM_WEBHOOK_SECRET", savedSecret);
            context.Unload();
        }

        return sent;
    }

    /// <summary>Answers each operation the examples use with a plausible body, recording every request.</summary>
    private static MockHttpMessageHandler FakeApi(out List<SentRequest> sent)
    {
        var recorded = new List<SentRequest>();
        sent = recorded;
        var api = new MockHttpMessageHandler();
        void Route(HttpMethod method, string path, HttpStatusCode status, string? json)
        {
            var route = api.When(method, TestClients.Url(path)).RecordTo(recorded);
            if (json is null)
            {
                route.Respond(status);
            }
            else
            {
                route.Respond(status, "application/json", json);
            }
        }

        Route(HttpMethod.Get, Project + "/policies", HttpStatusCode.OK, $$"""{"policies":[{{ProfileJson}}]}""");
        Route(HttpMethod.Get, Project + "/policies/pol_xxx", HttpStatusCode.OK, ProfileJson);
        Route(HttpMethod.Put, Project + "/policies/pol_xxx", HttpStatusCode.OK, ProfileJson);
        Route(HttpMethod.Post, Project + "/agents/agt_xxx/rotate", HttpStatusCode.OK,
            $$"""{"credential":{{CredentialJson}},"connection_string":"postgresql://agent_claude:pw@prj-xxx.pgbeam.app/app","mcp_url":"https://mcp.pgbeam.test/prj_xxx","mcp_token":"mcp_secret"}""");
        Route(HttpMethod.Delete, Project + "/agents/agt_xxx", HttpStatusCode.NoContent, null);
        Route(HttpMethod.Post, Project + "/approvals/apr_xxx/approve", HttpStatusCode.OK,
            """{"id":"apr_xxx","project_id":"prj_xxx","policy_profile_id":"pol_xxx","sql":"DELETE FROM orders WHERE id = 7","status":"approved","reason":"verified against ticket OPS-1234","requested_at":"2026-01-02T03:04:05Z","expires_at":"2026-01-02T03:09:05Z"}""");
        Route(HttpMethod.Post, Project + "/webhooks", HttpStatusCode.Created, WebhookJson);
        Route(HttpMethod.Get, Project + "/webhooks/wh_xxx", HttpStatusCode.OK, WebhookJson);
        Route(HttpMethod.Put, Project + "/webhooks/wh_xxx", HttpStatusCode.OK, WebhookJson);
        Route(HttpMethod.Get, Project + "/audit-logs", HttpStatusCode.OK,
            """{"entries":[{"id":"aud_1","project_id":"prj_xxx","event":"blocked","decision_rule":"table_denylist","ts":"2026-01-02T03:04:05Z"}]}""");
        api.Fallback.Respond(request => throw new AssertionException($"the example sent a request no route expects: {request.Method} {request.RequestUri}"));
        return api;
    }
}
