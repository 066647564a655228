using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>The README's multi-resource story, on the sandbox users get: every resource in it is kept and modelled.</summary>
[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class GatewayStoryTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public async Task Honeytokens_are_tightened_under_a_concurrent_change_rules_are_set_and_a_batch_revokes_every_agent()
    {
        var site = await CreateProjectAsync();
        var payroll = await Client.Honeytokens.CreateHoneytokenAsync(site.Id, new HoneytokenInput { RelationName = "payroll_backup", Action = HoneytokenAction.AuditOnly });
        var oldKeys = await Client.Honeytokens.CreateHoneytokenAsync(site.Id, new HoneytokenInput { RelationName = "api_keys_old", Action = HoneytokenAction.AuditOnly });
        var rounds = 0;
        var tightened = await Client.Honeytokens.ModifyHoneytokenAsync(site.Id, payroll.Id, decoy =>
        {
            if (++rounds == 1)
            {
                // A colleague moves the decoy to another schema between our read and our write.
                Client.Honeytokens.UpdateHoneytokenAsync(site.Id, payroll.Id, new HoneytokenInput { SchemaName = "hr", RelationName = "payroll_backup", Action = HoneytokenAction.AuditOnly }).GetAwaiter().GetResult();
            }

            decoy.Action = HoneytokenAction.Kill;
        });
        await Client.Honeytokens.DeleteHoneytokenAsync(site.Id, oldKeys.Id);
        var decoys = await Client.Honeytokens.ListHoneytokensAsync(site.Id);

        var rule = await Client.Anomalies.CreateAnomalyRuleAsync(site.Id, new AnomalyRuleInput { Metric = AnomalyMetric.QueriesPerHour, SigmaThreshold = 4 });
        var sameScope = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Anomalies.CreateAnomalyRuleAsync(site.Id, new AnomalyRuleInput { Metric = AnomalyMetric.QueriesPerHour }));
        var hold = await Client.Approvals.CreateApprovalRuleAsync(site.Id, new ApprovalRuleInput { Name = "big-deletes", StatementKinds = [ApprovalRuleStatementKind.Delete], MinAffectedRows = 1000 });

        var profile = await CreatePolicyAsync(site.Id);
        var analyst = await CreateCredentialAsync(site.Id, profile.Id, "analyst");
        var reporter = await CreateCredentialAsync(site.Id, profile.Id, "reporter");
        var live = await Client.Agents.ListAgentCredentialsAsync(site.Id);
        var revoked = await Client.Batch.RevokeAgentCredentialsAsync(site.Id, live.Agents.Select(a => a.Id));
        var rules = await Client.Anomalies.ListAnomalyRulesAsync(site.Id);
        var holds = await Client.Approvals.ListApprovalRulesAsync(site.Id);

        Assert.That(rounds, Is.EqualTo(2), "the first write met the colleague's change (412) and was made again on the new version");
        Assert.That(Sandbox.Requests.Count(r => r.OperationId == "updateHoneytoken" && r.StatusCode == HttpStatusCode.PreconditionFailed), Is.EqualTo(1));
        Assert.That((tightened.SchemaName, tightened.Action), Is.EqualTo(("hr", HoneytokenAction.Kill)), "both changes survive");
        Assert.That(decoys.Honeytokens.Select(h => (h.Id, h.RelationName, h.Action)), Is.EqualTo(new[] { (payroll.Id, "payroll_backup", HoneytokenAction.Kill) }));
        Assert.That(sameScope, Is.Not.Null);
        Assert.That(rules.AnomalyRules.Select(r => (r.Id, r.Metric, r.SigmaThreshold)), Is.EqualTo(new[] { (rule.Id, AnomalyMetric.QueriesPerHour, (double?)4) }));
        Assert.That(holds.ApprovalRules.Select(r => (r.Id, r.Name)), Is.EqualTo(new[] { (hold.Id, "big-deletes") }));
        Assert.That((revoked.Summary.Requested, revoked.Summary.Succeeded), Is.EqualTo((2, 2)));
        foreach (var agent in new[] { analyst, reporter })
        {
            Assert.That((await Client.Agents.GetAgentCredentialAsync(site.Id, agent.Credential.Id)).Status, Is.EqualTo(AgentCredentialStatus.Revoked));
            Assert.That(Sandbox.IsConnectionStringValid(agent.ConnectionString), Is.False);
        }
    }
}
