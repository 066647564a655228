using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>The Prism harness itself: it must catch a bad answer, or every test run through it proves nothing.</summary>
public partial class ContractProxyTests() : SandboxTestBase(SandboxTransport.PrismProxy)
{
    [Test]
    public void An_answer_that_breaks_the_contract_is_caught()
    {
        // A region without its required fields, served where the sandbox would be.
        using var broken = new FixedAnswer("""{"regions":[{"id":"us-east-1"}]}""");
        ContractProxy.Instance.Serve(broken);

        Assert.ThrowsAsync<PgBeamApiException>(() => Client.Platform.ListRegionsAsync(new RequestOptions { MaxRetries = 0 }));

        var violations = Violations;
        ForgetViolations();
        Assert.That(violations, Has.Some.Contains("regions.0 must have required property 'name'"));
    }

    [Test]
    public async Task An_injected_rate_limit_on_an_operation_that_declares_429_is_valid_under_the_contract()
    {
        var project = Sandbox.SeedProject();
        Sandbox.Faults.InjectRateLimit(TimeSpan.FromSeconds(12), operationId: "listAuditLogs");

        var error = Assert.ThrowsAsync<PgBeamRateLimitException>(() => Client.Agents.ListAuditLogsAsync(project.Id, requestOptions: new RequestOptions { MaxRetries = 0 }));
        var page = await Client.Agents.ListAuditLogsAsync(project.Id);

        Assert.That(error!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(12)));
        Assert.That(page.Entries, Is.Empty);
    }

    [Test]
    public async Task Requests_reach_the_sandbox_through_the_proxy_unchanged()
    {
        var project = Sandbox.SeedProject();

        await Client.Policies.CreatePolicyProfileAsync(project.Id, new PolicyProfileInput { Name = "p", MaxRows = 10 });

        var request = Sandbox.Requests.Single();
        Assert.That(request.Body, Is.EqualTo("""{"name":"p","max_rows":10}"""));
        Assert.That(request.Header("Authorization"), Is.EqualTo("Bearer ***"));
        Assert.That(request.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task Every_modelled_operation_answers_within_the_contract()
    {
        var created = await Client.Projects.CreateProjectAsync(new CreateProjectRequest
        {
            Name = "tour",
            OrgId = Sandbox.OrganizationId,
            Database = new CreateDatabaseRequest { Host = "db", Port = 5432, Name = "app", Username = "app", Password = "p" },
        });
        var projectId = created.Project.Id;
        await Client.Projects.ListProjectsAsync(Sandbox.OrganizationId);
        await Client.Projects.GetProjectAsync(projectId);
        await Client.Projects.UpdateProjectAsync(projectId, new UpdateProjectRequest { Description = "tour" });

        var database = await Client.Databases.CreateDatabaseAsync(projectId, new CreateDatabaseRequest { Host = "r", Port = 5432, Name = "app", Username = "r", Password = "p", Role = DatabaseRole.Replica });
        await Client.Databases.ListDatabasesAsync(projectId);
        await Client.Databases.GetDatabaseAsync(projectId, database.Id);
        await Client.Databases.UpdateDatabaseAsync(projectId, database.Id, new UpdateDatabaseRequest { Port = 6432 });
        await Client.Databases.DeleteDatabaseAsync(projectId, database.Id);

        var policy = await Client.Policies.CreatePolicyProfileAsync(projectId, new PolicyProfileInput { Name = "p" });
        await Client.Policies.ListPolicyProfilesAsync(projectId);
        await Client.Policies.GetPolicyProfileAsync(projectId, policy.Id);
        await Client.Policies.UpdatePolicyProfileAsync(projectId, policy.Id, new PolicyProfileInput { Name = "p", MaxRows = 10 });

        var secrets = await Client.Agents.CreateAgentCredentialAsync(projectId, new CreateAgentCredentialRequest { Name = "a", PolicyProfileId = policy.Id });
        await Client.Agents.ListAgentCredentialsAsync(projectId);
        await Client.Agents.GetAgentCredentialAsync(projectId, secrets.Credential.Id);
        await Client.Agents.UpdateAgentCredentialStatusAsync(projectId, secrets.Credential.Id, new UpdateAgentCredentialStatusRequest { Status = AgentCredentialStatusUpdate.Disabled });
        await Client.Agents.RotateAgentCredentialAsync(projectId, secrets.Credential.Id);
        await Client.Batch.RevokeAgentCredentialsAsync(projectId, [secrets.Credential.Id, "agt_missing"], BatchMode.Independent);
        await Client.Agents.RevokeAgentCredentialAsync(projectId, secrets.Credential.Id);
        await Client.Policies.DeletePolicyProfileAsync(projectId, policy.Id);

        Sandbox.SeedAuditEntries(projectId, 3);
        await Client.Agents.ListAuditLogsAsync(projectId, new ListAuditLogsParams { Decision = AuditDecision.Allow });
        var approvalPolicy = await Client.Policies.CreatePolicyProfileAsync(projectId, new PolicyProfileInput { Name = "approvals" });
        var first = Sandbox.SeedApproval(projectId, new ApprovalRequest { PolicyProfileId = approvalPolicy.Id });
        var second = Sandbox.SeedApproval(projectId, new ApprovalRequest { PolicyProfileId = approvalPolicy.Id });
        await Client.Approvals.ListApprovalRequestsAsync(projectId);
        await Client.Approvals.ApproveApprovalRequestAsync(projectId, first.Id, new ApprovalDecisionRequest { Reason = "ok" });
        await Client.Approvals.RejectApprovalRequestAsync(projectId, second.Id, new ApprovalDecisionRequest());

        var hook = await Client.Webhooks.CreateWebhookEndpointAsync(projectId, new WebhookEndpointInput { Url = "https://example.com/h", Secret = "s" });
        await Client.Webhooks.ListWebhookEndpointsAsync(projectId);
        await Client.Webhooks.GetWebhookEndpointAsync(projectId, hook.Id);
        await Client.Webhooks.UpdateWebhookEndpointAsync(projectId, hook.Id, new WebhookEndpointInput { Url = "https://example.com/h2" });
        await Client.Webhooks.TestWebhookEndpointAsync(projectId, hook.Id);
        await Client.Webhooks.DeleteWebhookEndpointAsync(projectId, hook.Id);

        await TourGatewayAsync(projectId);
        await TourInfrastructureAsync(projectId);
        await TourAccountAsync(projectId);

        await Client.Platform.GetHealthAsync();
        await Client.Platform.ListRegionsAsync();
        await Client.Projects.DeleteProjectAsync(projectId);

        // Coverage is what reached the sandbox through Prism, not a list kept by hand.
        var requests = Sandbox.Requests;
        Assert.That(requests.Select(r => r.OperationId).Distinct(), Is.EquivalentTo(PgBeamSandbox.ModelledOperations));
        Assert.That(requests.Where(r => (int)r.StatusCode!.Value >= 300), Is.Empty);
    }

    /// <summary>Answers every request with the same 200 JSON body and a request id, like a sandbox that went wrong.</summary>
    private sealed class FixedAnswer(string json) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            response.Headers.Add("X-Request-Id", "req_fixed");
            return Task.FromResult(response);
        }
    }
}
