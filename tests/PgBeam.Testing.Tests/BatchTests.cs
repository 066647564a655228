using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary><c>executeBatch</c> on the sandbox's credentials: what a batch revoke changes, and an atomic rollback.</summary>
[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class BatchTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public async Task A_batch_revoke_revokes_every_credential_it_names()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var first = await CreateCredentialAsync(project.Id, policy.Id, "first");
        var second = await CreateCredentialAsync(project.Id, policy.Id, "second");
        var kept = await CreateCredentialAsync(project.Id, policy.Id, "kept");

        var result = await Client.Batch.RevokeAgentCredentialsAsync(project.Id, [first.Credential.Id, second.Credential.Id]);

        Assert.That((result.Applied, result.Summary.Requested, result.Summary.Succeeded), Is.EqualTo((true, 2, 2)));
        Assert.That(result.Results.Select(r => (r.Id, r.Status)), Is.EqualTo(new[] { ("revoke-0", BatchOperationResultStatus.Succeeded), ("revoke-1", BatchOperationResultStatus.Succeeded) }));
        Assert.That((await Client.Agents.GetAgentCredentialAsync(project.Id, first.Credential.Id)).Status, Is.EqualTo(AgentCredentialStatus.Revoked));
        Assert.That((await Client.Agents.GetAgentCredentialAsync(project.Id, second.Credential.Id)).Status, Is.EqualTo(AgentCredentialStatus.Revoked));
        Assert.That((await Client.Agents.GetAgentCredentialAsync(project.Id, kept.Credential.Id)).Status, Is.Not.EqualTo(AgentCredentialStatus.Revoked));
    }

    [Test]
    public async Task An_atomic_batch_with_an_unknown_credential_is_undone_and_names_the_failure()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var real = await CreateCredentialAsync(project.Id, policy.Id);

        var rolledBack = Assert.ThrowsAsync<PgBeamBatchRolledBackException>(() => Client.Batch.RevokeAgentCredentialsAsync(project.Id, [real.Credential.Id, "agt_missing"]));

        Assert.That(rolledBack!.FailedOperations.Select(f => (f.Id, f.Error!.Code)), Is.EqualTo(new[] { ("revoke-1", BatchOperationErrorCode.NotFound) }));
        Assert.That(rolledBack.Message, Does.Contain("revoke-1"));
        Assert.That((await Client.Agents.GetAgentCredentialAsync(project.Id, real.Credential.Id)).Status, Is.Not.EqualTo(AgentCredentialStatus.Revoked), "nothing was applied");
    }

    [Test]
    public async Task An_independent_batch_applies_what_it_can_and_reports_the_rest()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var real = await CreateCredentialAsync(project.Id, policy.Id);

        var result = await Client.Batch.RevokeAgentCredentialsAsync(project.Id, [real.Credential.Id, "agt_missing"], BatchMode.Independent);

        Assert.That((result.Summary.Succeeded, result.Summary.Failed, result.Summary.NotApplied), Is.EqualTo((1, 1, 0)));
        Assert.That(result.Results[1].Error!.Code, Is.EqualTo(BatchOperationErrorCode.NotFound));
        Assert.That((await Client.Agents.GetAgentCredentialAsync(project.Id, real.Credential.Id)).Status, Is.EqualTo(AgentCredentialStatus.Revoked));
    }
}
