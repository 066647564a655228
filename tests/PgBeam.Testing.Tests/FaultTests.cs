using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace PgBeam.Testing.Tests;

/// <summary>
/// Injected faults and the SDK's retry handling against them. In process only: 503 is not a status the contract
/// declares, and a dropped connection cannot travel through a proxy.
/// </summary>
public class FaultTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private FakeTimeProvider _time = null!;
    private PgBeamSandbox _sandbox = null!;
    private string _projectId = null!;

    [SetUp]
    public void CreateSandbox()
    {
        _time = new FakeTimeProvider(Start);
        _sandbox = new PgBeamSandbox(new PgBeamSandboxOptions { TimeProvider = _time });
        _projectId = _sandbox.SeedProject().Id;
    }

    [TearDown]
    public void DisposeSandbox() => _sandbox.Dispose();

    [Test]
    public async Task A_rate_limit_is_retried_after_the_Retry_After_delay_and_then_succeeds()
    {
        using var client = _sandbox.CreateClient(o => o.TimeProvider = _time);
        _sandbox.Faults.InjectRateLimit(TimeSpan.FromSeconds(30), operationId: "listPolicyProfiles");

        var call = client.Policies.ListPolicyProfilesAsync(_projectId);
        _time.Advance(TimeSpan.FromSeconds(29));
        var requestsBeforeTheWaitEnded = _sandbox.Requests.Count;
        _time.Advance(TimeSpan.FromSeconds(1));
        var page = await call.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(page.Policies, Is.Empty);
        Assert.That(requestsBeforeTheWaitEnded, Is.EqualTo(1), "retried before Retry-After elapsed");
        var requests = _sandbox.Requests;
        Assert.That(requests.Select(r => r.StatusCode), Is.EqualTo(new HttpStatusCode?[] { HttpStatusCode.TooManyRequests, HttpStatusCode.OK }));
        Assert.That(requests[0].Fault, Is.EqualTo(SandboxFaultKind.RateLimit));
        Assert.That(requests[1].ReceivedAt - requests[0].ReceivedAt, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(_sandbox.Faults.Pending, Is.Zero);
    }

    [Test]
    public void A_rate_limit_that_is_not_retried_surfaces_with_its_Retry_After()
    {
        using var client = _sandbox.CreateClient(o => o.Retry.MaxRetries = 0);
        _sandbox.Faults.InjectRateLimit(TimeSpan.FromSeconds(45));

        var error = Assert.ThrowsAsync<PgBeamRateLimitException>(() => client.Projects.GetProjectAsync(_projectId));

        Assert.That(error!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(45)));
        Assert.That(error.ErrorCode, Is.EqualTo("RATE_LIMITED"));
        Assert.That(error.RequestId, Is.EqualTo(_sandbox.Requests.Single().RequestId));
    }

    [Test]
    public async Task Service_unavailable_is_retried_with_the_same_idempotency_key_and_the_work_happens_once()
    {
        using var client = _sandbox.CreateClient();
        _sandbox.Faults.InjectServiceUnavailable(count: 2, operationId: "createPolicyProfile", retryAfter: TimeSpan.Zero);

        var policy = await client.Policies.CreatePolicyProfileAsync(_projectId, new PolicyProfileInput { Name = "p" });

        var attempts = _sandbox.Requests.Where(r => r.OperationId == "createPolicyProfile").ToList();
        Assert.That(attempts.Select(r => r.StatusCode), Is.EqualTo(new HttpStatusCode?[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.Created }));
        Assert.That(attempts.Select(r => r.Header("Idempotency-Key")).Distinct().Count(), Is.EqualTo(1));
        Assert.That(attempts[0].ErrorCode, Is.EqualTo("SERVICE_UNAVAILABLE"));
        Assert.That((await client.Policies.ListPolicyProfilesAsync(_projectId)).Policies.Select(p => p.Id), Is.EqualTo(new[] { policy.Id }));
    }

    [Test]
    public async Task A_fault_for_one_operation_leaves_other_operations_alone()
    {
        using var client = _sandbox.CreateClient(o => o.Retry.MaxRetries = 0);
        _sandbox.Faults.InjectServiceUnavailable(operationId: "listPolicyProfiles");

        var project = await client.Projects.GetProjectAsync(_projectId);
        var pendingAfterOtherCall = _sandbox.Faults.Pending;
        var error = Assert.ThrowsAsync<PgBeamApiException>(() => client.Policies.ListPolicyProfilesAsync(_projectId));

        Assert.That(project.Id, Is.EqualTo(_projectId));
        Assert.That(pendingAfterOtherCall, Is.EqualTo(1));
        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(_sandbox.Faults.Pending, Is.Zero);
    }

    [Test]
    public async Task A_connection_failure_is_retried_and_the_request_never_reached_the_sandbox()
    {
        using var client = _sandbox.CreateClient(o => o.Retry.BaseDelay = TimeSpan.Zero);
        _sandbox.Faults.InjectConnectionFailure(operationId: "createPolicyProfile");

        var policy = await client.Policies.CreatePolicyProfileAsync(_projectId, new PolicyProfileInput { Name = "p" });

        var attempts = _sandbox.Requests.Where(r => r.OperationId == "createPolicyProfile").ToList();
        Assert.That(attempts, Has.Count.EqualTo(2));
        Assert.That(attempts[0].Fault, Is.EqualTo(SandboxFaultKind.ConnectionFailure));
        Assert.That(attempts[0].StatusCode, Is.Null);
        Assert.That(attempts[1].StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await client.Policies.ListPolicyProfilesAsync(_projectId)).Policies.Single().Id, Is.EqualTo(policy.Id));
    }

    [Test]
    public void Connection_failures_beyond_the_retries_surface_as_a_network_error()
    {
        using var client = _sandbox.CreateClient(o =>
        {
            o.Retry.BaseDelay = TimeSpan.Zero;
            o.Retry.MaxRetries = 2;
        });
        _sandbox.Faults.InjectConnectionFailure(count: 5);

        var error = Assert.ThrowsAsync<PgBeamNetworkException>(() => client.Platform.ListRegionsAsync());

        Assert.That(error!.Attempts, Is.EqualTo(3));
        Assert.That(_sandbox.Faults.Pending, Is.EqualTo(2));
    }

    [Test]
    public async Task A_lost_response_is_retried_and_replayed_so_the_credential_is_issued_once()
    {
        var policy = await CreatePolicyDirectlyAsync();
        using var client = _sandbox.CreateClient(o => o.Retry.BaseDelay = TimeSpan.Zero);
        _sandbox.Faults.InjectResponseLost(operationId: "createAgentCredential");

        var secrets = await client.Agents.CreateAgentCredentialAsync(_projectId, new CreateAgentCredentialRequest { Name = "agent", PolicyProfileId = policy.Id });

        var attempts = _sandbox.Requests.Where(r => r.OperationId == "createAgentCredential").ToList();
        Assert.That(attempts.Select(r => r.Fault), Is.EqualTo(new SandboxFaultKind?[] { SandboxFaultKind.ResponseLost, null }));
        Assert.That(attempts.Select(r => r.Replayed), Is.EqualTo(new[] { false, true }));
        Assert.That(_sandbox.IssuedSecrets.Single().ConnectionString, Is.EqualTo(secrets.ConnectionString));
        Assert.That(_sandbox.IsConnectionStringValid(secrets.ConnectionString), Is.True);
        Assert.That((await client.Agents.ListAgentCredentialsAsync(_projectId)).Agents, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Reusing_an_idempotency_key_replays_the_same_request_and_rejects_a_different_one()
    {
        using var client = _sandbox.CreateClient();
        var options = new RequestOptions { IdempotencyKey = "create-policy-once" };

        var first = await client.Policies.CreatePolicyProfileAsync(_projectId, new PolicyProfileInput { Name = "a" }, options);
        var again = await client.Policies.CreatePolicyProfileAsync(_projectId, new PolicyProfileInput { Name = "a" }, options);
        var error = Assert.ThrowsAsync<PgBeamIdempotencyKeyReusedException>(() => client.Policies.CreatePolicyProfileAsync(_projectId, new PolicyProfileInput { Name = "b" }, options));

        Assert.That(again.Id, Is.EqualTo(first.Id));
        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await client.Policies.ListPolicyProfilesAsync(_projectId)).Policies, Has.Count.EqualTo(1));
    }

    [Test]
    public void A_custom_status_fault_answers_with_its_status_code_and_message()
    {
        using var client = _sandbox.CreateClient(o => o.Retry.MaxRetries = 0);
        _sandbox.Faults.Enqueue(SandboxFault.WithStatus(HttpStatusCode.Forbidden, "PLAN_LIMIT", "Your plan allows no more agent credentials.").ForOperation("getProject"));

        var error = Assert.ThrowsAsync<PgBeamForbiddenException>(() => client.Projects.GetProjectAsync(_projectId));

        Assert.That(error!.ErrorCode, Is.EqualTo("PLAN_LIMIT"));
        Assert.That(error.ServerMessage, Is.EqualTo("Your plan allows no more agent credentials."));
    }

    [Test]
    public void Pending_counts_the_requests_queued_faults_still_apply_to_and_Clear_drops_them()
    {
        _sandbox.Faults.InjectRateLimit(TimeSpan.Zero, count: 3);
        _sandbox.Faults.Enqueue(SandboxFault.ResponseLost().Times(2).ForOperation("getHealth"));
        var pending = _sandbox.Faults.Pending;

        _sandbox.Faults.Clear();

        Assert.That(pending, Is.EqualTo(5));
        Assert.That(_sandbox.Faults.Pending, Is.Zero);
    }

    [Test]
    public void Fault_factories_reject_values_that_make_no_sense()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFault.RateLimit(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFault.WithStatus(HttpStatusCode.OK, "OK", "fine"));
        Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFault.ConnectionFailure().Times(0));
        Assert.Throws<ArgumentException>(() => SandboxFault.ConnectionFailure().ForOperation(" "));
    }

    private async Task<PolicyProfile> CreatePolicyDirectlyAsync()
    {
        using var client = _sandbox.CreateClient();
        return await client.Policies.CreatePolicyProfileAsync(_projectId, new PolicyProfileInput { Name = "base" });
    }
}
