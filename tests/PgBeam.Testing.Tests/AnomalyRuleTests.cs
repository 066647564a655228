using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class AnomalyRuleTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public async Task A_rule_is_created_with_defaults_replaced_muted_and_deleted()
    {
        var project = await CreateProjectAsync();
        var rule = await Client.Anomalies.CreateAnomalyRuleAsync(project.Id, new AnomalyRuleInput { Metric = AnomalyMetric.QueriesPerHour, SigmaThreshold = 4.5, Floor = 100 });
        Clock.Advance(TimeSpan.FromMinutes(1));

        var muted = await Client.Anomalies.UpdateAnomalyRuleAsync(project.Id, rule.Id, new AnomalyRuleInput { Metric = AnomalyMetric.QueriesPerHour, Enabled = false });
        var listed = await Client.Anomalies.ListAnomalyRulesAsync(project.Id);
        await Client.Anomalies.DeleteAnomalyRuleAsync(project.Id, rule.Id);

        Assert.That(rule.Id, Does.Match("^anr_[0-9a-z]{26}$"));
        Assert.That((rule.Enabled, rule.SigmaThreshold, rule.Floor, rule.CredentialId), Is.EqualTo((true, (double?)4.5, (double?)100, (string?)null)));
        Assert.That((muted.Enabled, muted.SigmaThreshold, muted.CreatedAt, muted.UpdatedAt), Is.EqualTo((false, (double?)null, Start, Start.AddMinutes(1))), "PUT overwrites: left-out thresholds fall back to the default");
        Assert.That(listed.AnomalyRules.Single().Enabled, Is.False, "muted rules are listed");
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Anomalies.GetAnomalyRuleAsync(project.Id, rule.Id));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Anomalies.DeleteAnomalyRuleAsync(project.Id, rule.Id));
        Assert.That((await Client.Anomalies.ListAnomalyRulesAsync(project.Id)).AnomalyRules, Is.Empty);
    }

    [Test]
    public async Task One_rule_per_credential_and_metric()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var agent = await CreateCredentialAsync(project.Id, policy.Id);
        var projectWide = await Client.Anomalies.CreateAnomalyRuleAsync(project.Id, new AnomalyRuleInput { Metric = AnomalyMetric.BytesPerHour });
        var perAgent = await Client.Anomalies.CreateAnomalyRuleAsync(project.Id, new AnomalyRuleInput { Metric = AnomalyMetric.BytesPerHour, CredentialId = agent.Credential.Id });
        var otherMetric = await Client.Anomalies.CreateAnomalyRuleAsync(project.Id, new AnomalyRuleInput { Metric = AnomalyMetric.ActiveHours, Enabled = false });

        var twice = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Anomalies.CreateAnomalyRuleAsync(project.Id, new AnomalyRuleInput { Metric = AnomalyMetric.BytesPerHour, SigmaThreshold = 9 }));
        var moved = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Anomalies.UpdateAnomalyRuleAsync(project.Id, otherMetric.Id, new AnomalyRuleInput { Metric = AnomalyMetric.BytesPerHour, CredentialId = agent.Credential.Id }));

        Assert.That(twice!.ErrorCode, Is.EqualTo("RESOURCE_EXISTS"));
        Assert.That(twice.Message, Does.Contain(projectWide.Id));
        Assert.That(moved!.Message, Does.Contain(perAgent.Id));
        Assert.That(perAgent.CredentialId, Is.EqualTo(agent.Credential.Id));
        Assert.That((await Client.Anomalies.GetAnomalyRuleAsync(project.Id, otherMetric.Id)).Metric, Is.EqualTo(AnomalyMetric.ActiveHours));
    }

    [Test]
    public async Task Input_the_metric_cannot_take_or_a_foreign_credential_is_a_400_on_the_field()
    {
        var project = await CreateProjectAsync();
        var other = await CreateProjectAsync("other");
        var foreign = await CreateCredentialAsync(other.Id, (await CreatePolicyAsync(other.Id)).Id);

        var sigma = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Anomalies.CreateAnomalyRuleAsync(project.Id, new AnomalyRuleInput { Metric = AnomalyMetric.DistinctShapes, SigmaThreshold = 3 }));
        var floor = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Anomalies.CreateAnomalyRuleAsync(project.Id, new AnomalyRuleInput { Metric = AnomalyMetric.ActiveHours, Floor = 10 }));
        var zero = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Anomalies.CreateAnomalyRuleAsync(project.Id, new AnomalyRuleInput { Metric = AnomalyMetric.ErrorsPerHour, SigmaThreshold = 0 }));
        var credential = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Anomalies.CreateAnomalyRuleAsync(project.Id, new AnomalyRuleInput { Metric = AnomalyMetric.ErrorsPerHour, CredentialId = foreign.Credential.Id }));
        ForgetViolations();

        Assert.That(sigma!.Errors.Single().Field, Is.EqualTo("sigma_threshold"));
        Assert.That(floor!.Errors.Single().Field, Is.EqualTo("floor"));
        FieldAssert.SchemaRefused(zero, "sigma_threshold", Transport);
        Assert.That(credential!.Errors.Single().Field, Is.EqualTo("credential_id"));
        Assert.That((await Client.Anomalies.ListAnomalyRulesAsync(project.Id)).AnomalyRules, Is.Empty);
    }

    [Test]
    public async Task A_stale_If_Match_is_refused_and_Modify_retries_on_the_new_version()
    {
        var project = await CreateProjectAsync();
        var rule = await Client.Anomalies.CreateAnomalyRuleAsync(project.Id, new AnomalyRuleInput { Metric = AnomalyMetric.QueriesPerHour, SigmaThreshold = 4 });
        var rounds = 0;

        var modified = await Client.Anomalies.ModifyAnomalyRuleAsync(project.Id, rule.Id, input =>
        {
            if (++rounds == 1)
            {
                Client.Anomalies.UpdateAnomalyRuleAsync(project.Id, rule.Id, new AnomalyRuleInput { Metric = AnomalyMetric.QueriesPerHour, SigmaThreshold = 4, Floor = 50 }).GetAwaiter().GetResult();
            }

            input.SigmaThreshold = 6;
        });
        var stale = Assert.ThrowsAsync<PgBeamPreconditionFailedException>(() => Client.Anomalies.UpdateAnomalyRuleAsync(project.Id, rule.Id, new AnomalyRuleInput { Metric = AnomalyMetric.QueriesPerHour }, ifMatch: "\"stale\""));

        Assert.That(rounds, Is.EqualTo(2));
        Assert.That((modified.SigmaThreshold, modified.Floor), Is.EqualTo(((double?)6, (double?)50)));
        Assert.That(stale, Is.Not.Null);
        Assert.That((await Client.Anomalies.GetAnomalyRuleAsync(project.Id, rule.Id)).SigmaThreshold, Is.EqualTo(6));
        Assert.That(Sandbox.Requests.Count(r => r.OperationId == "updateAnomalyRule" && r.StatusCode == HttpStatusCode.PreconditionFailed), Is.EqualTo(2));
    }
}
