using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class AnomalyAlertTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public async Task Seeded_alerts_are_listed_newest_first_and_filtered_by_status_and_kind()
    {
        var project = await CreateProjectAsync();
        var egress = Sandbox.SeedAnomalyAlert(project.Id, new AnomalyAlert { Kind = "egress_spike", Severity = AnomalyAlertSeverity.Critical });
        Clock.Advance(TimeSpan.FromMinutes(1));
        var volume = Sandbox.SeedAnomalyAlert(project.Id);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var canary = Sandbox.SeedAnomalyAlert(project.Id, new AnomalyAlert { Kind = "canary_tripped", Status = AnomalyAlertStatus.Resolved });
        Sandbox.SeedAnomalyAlert((await CreateProjectAsync("other")).Id);

        var all = await Client.Anomalies.ListAnomalyAlertsAsync(project.Id);
        var open = await Client.Anomalies.ListAnomalyAlertsAsync(project.Id, new ListAnomalyAlertsParams { Status = AnomalyAlertStatus.Open });
        var spikes = await Client.Anomalies.ListAnomalyAlertsAsync(project.Id, new ListAnomalyAlertsParams { Kind = AnomalyKind.EgressSpike });
        var first = await Client.Anomalies.ListAnomalyAlertsAsync(project.Id, new ListAnomalyAlertsParams { PageSize = 2 });
        var rest = await Client.Anomalies.ListAnomalyAlertsAsync(project.Id, new ListAnomalyAlertsParams { PageSize = 2, PageToken = first.NextPageToken });

        Assert.That(volume.Id, Does.Match("^ano_[0-9a-z]{26}$"));
        Assert.That((volume.Kind, volume.Severity, volume.Status, volume.CreatedAt), Is.EqualTo(("volume_spike", AnomalyAlertSeverity.Warning, AnomalyAlertStatus.Open, Start.AddMinutes(1))));
        Assert.That((volume.WindowStart, volume.WindowEnd), Is.EqualTo(((DateTimeOffset?)Start.AddMinutes(-59), (DateTimeOffset?)Start.AddMinutes(1))), "the hour before it was raised");
        Assert.That(volume.Title, Is.Not.Empty);
        Assert.That(all.Anomalies.Select(a => a.Id), Is.EqualTo(new[] { canary.Id, volume.Id, egress.Id }));
        Assert.That(open.Anomalies.Select(a => a.Id), Is.EqualTo(new[] { volume.Id, egress.Id }));
        Assert.That(spikes.Anomalies.Select(a => (a.Id, a.Severity)), Is.EqualTo(new[] { (egress.Id, AnomalyAlertSeverity.Critical) }));
        Assert.That(first.Anomalies.Concat(rest.Anomalies).Select(a => a.Id), Is.EqualTo(all.Anomalies.Select(a => a.Id)));
        Assert.That(rest.NextPageToken, Is.Null);
    }

    [Test]
    public async Task Triage_moves_an_alert_forward_only()
    {
        var project = await CreateProjectAsync();
        var alert = Sandbox.SeedAnomalyAlert(project.Id);
        Clock.Advance(TimeSpan.FromMinutes(5));

        var acknowledged = await Client.Anomalies.UpdateAnomalyAlertAsync(project.Id, alert.Id, new UpdateAnomalyAlertRequest { Status = AnomalyAlertStatusUpdate.Acknowledged });
        Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await Client.Anomalies.UpdateAnomalyAlertAsync(project.Id, alert.Id, new UpdateAnomalyAlertRequest { Status = AnomalyAlertStatusUpdate.Acknowledged });
        var resolved = await Client.Anomalies.UpdateAnomalyAlertAsync(project.Id, alert.Id, new UpdateAnomalyAlertRequest { Status = AnomalyAlertStatusUpdate.Resolved });
        var back = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Anomalies.UpdateAnomalyAlertAsync(project.Id, alert.Id, new UpdateAnomalyAlertRequest { Status = AnomalyAlertStatusUpdate.Acknowledged }));
        var missing = Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Anomalies.UpdateAnomalyAlertAsync(project.Id, "ano_missing", new UpdateAnomalyAlertRequest { Status = AnomalyAlertStatusUpdate.Resolved }));
        var direct = Sandbox.SeedAnomalyAlert(project.Id);
        var closed = await Client.Anomalies.UpdateAnomalyAlertAsync(project.Id, direct.Id, new UpdateAnomalyAlertRequest { Status = AnomalyAlertStatusUpdate.Resolved });

        Assert.That((acknowledged.Status, acknowledged.AcknowledgedAt), Is.EqualTo((AnomalyAlertStatus.Acknowledged, (DateTimeOffset?)Start.AddMinutes(5))));
        Assert.That(acknowledged.AcknowledgedBy, Is.Not.Empty);
        Assert.That(again.AcknowledgedAt, Is.EqualTo(Start.AddMinutes(5)), "acknowledging again changes nothing");
        Assert.That((resolved.Status, resolved.AcknowledgedAt), Is.EqualTo((AnomalyAlertStatus.Resolved, (DateTimeOffset?)Start.AddMinutes(5))));
        Assert.That(back!.Errors.Single().Field, Is.EqualTo("status"));
        Assert.That(missing, Is.Not.Null);
        Assert.That((closed.Status, closed.AcknowledgedAt), Is.EqualTo((AnomalyAlertStatus.Resolved, (DateTimeOffset?)Start.AddMinutes(10))));
        Assert.That((await Client.Anomalies.ListAnomalyAlertsAsync(project.Id, new ListAnomalyAlertsParams { Status = AnomalyAlertStatus.Resolved })).Anomalies, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_batch_triages_the_kept_alerts_and_an_atomic_failure_changes_none()
    {
        var project = await CreateProjectAsync();
        var first = Sandbox.SeedAnomalyAlert(project.Id);
        var second = Sandbox.SeedAnomalyAlert(project.Id, new AnomalyAlert { Kind = "off_hours" });
        var done = Sandbox.SeedAnomalyAlert(project.Id, new AnomalyAlert { Status = AnomalyAlertStatus.Resolved });
        BatchOperation Triage(string id, string alertId, AnomalyAlertStatusUpdate status) =>
            new() { Id = id, Op = BatchOperationOp.UpdateAnomalyAlert, AnomalyId = alertId, AnomalyStatus = status };

        var rolledBack = Assert.ThrowsAsync<PgBeamBatchRolledBackException>(() => Client.Batch.ExecuteBatchAsync(project.Id, new BatchRequest
        {
            Mode = BatchMode.Atomic,
            Operations = [Triage("a", first.Id, AnomalyAlertStatusUpdate.Resolved), Triage("b", done.Id, AnomalyAlertStatusUpdate.Acknowledged)],
        }));
        var untouched = await Client.Anomalies.ListAnomalyAlertsAsync(project.Id, new ListAnomalyAlertsParams { Status = AnomalyAlertStatus.Open });
        var applied = await Client.Batch.ExecuteBatchAsync(project.Id, new BatchRequest
        {
            Mode = BatchMode.Independent,
            Operations = [Triage("a", first.Id, AnomalyAlertStatusUpdate.Resolved), Triage("b", second.Id, AnomalyAlertStatusUpdate.Acknowledged), Triage("c", "ano_missing", AnomalyAlertStatusUpdate.Resolved)],
        });
        var after = await Client.Anomalies.ListAnomalyAlertsAsync(project.Id);

        Assert.That(rolledBack!.Batch.Results.Select(r => (r.Id, r.Status)), Is.EqualTo(new[] { ("a", BatchOperationResultStatus.NotApplied), ("b", BatchOperationResultStatus.Failed) }));
        Assert.That(rolledBack.Batch.Results[1].Error!.Code, Is.EqualTo(BatchOperationErrorCode.Conflict));
        Assert.That(untouched.Anomalies.Select(a => a.Id), Is.EquivalentTo(new[] { first.Id, second.Id }), "the atomic batch changed nothing");
        Assert.That((applied.Summary.Succeeded, applied.Summary.Failed), Is.EqualTo((2, 1)));
        Assert.That(applied.Results.Single(r => r.Id == "c").Error!.Code, Is.EqualTo(BatchOperationErrorCode.NotFound));
        Assert.That(after.Anomalies.ToDictionary(a => a.Id, a => a.Status), Is.EquivalentTo(new[]
        {
            new System.Collections.Generic.KeyValuePair<string, AnomalyAlertStatus>(first.Id, AnomalyAlertStatus.Resolved),
            new(second.Id, AnomalyAlertStatus.Acknowledged),
            new(done.Id, AnomalyAlertStatus.Resolved),
        }));
    }

    [Test]
    public void Seeding_checks_the_project_and_the_credential()
    {
        var project = Sandbox.SeedProject();

        Assert.Throws<ArgumentException>(() => Sandbox.SeedAnomalyAlert("prj_missing"));
        Assert.Throws<ArgumentException>(() => Sandbox.SeedAnomalyAlert(project.Id, new AnomalyAlert { CredentialId = "agt_missing" }));
    }
}
