using System.IO;
using System.Threading.Tasks;

namespace PgBeam.Testing.Tests;

/// <summary>The part of the tour through Prism that calls every operation of <c>GatewayEndpoints</c>.</summary>
public partial class ContractProxyTests
{
    private async Task TourGatewayAsync(string projectId)
    {
        var token = await Client.Honeytokens.CreateHoneytokenAsync(projectId, new HoneytokenInput { RelationName = "customer_ssns", Action = HoneytokenAction.AuditOnly });
        await Client.Honeytokens.ListHoneytokensAsync(projectId);
        await Client.Honeytokens.GetHoneytokenAsync(projectId, token.Id);
        await Client.Honeytokens.UpdateHoneytokenAsync(projectId, token.Id, new HoneytokenInput { SchemaName = "public", RelationName = "customer_ssns", Action = HoneytokenAction.Kill });
        await Client.Honeytokens.DeleteHoneytokenAsync(projectId, token.Id);

        var anomalyRule = await Client.Anomalies.CreateAnomalyRuleAsync(projectId, new AnomalyRuleInput { Metric = AnomalyMetric.BytesPerHour, SigmaThreshold = 4.5, Floor = 100 });
        await Client.Anomalies.ListAnomalyRulesAsync(projectId);
        await Client.Anomalies.GetAnomalyRuleAsync(projectId, anomalyRule.Id);
        await Client.Anomalies.UpdateAnomalyRuleAsync(projectId, anomalyRule.Id, new AnomalyRuleInput { Metric = AnomalyMetric.BytesPerHour, Enabled = false });
        await Client.Anomalies.DeleteAnomalyRuleAsync(projectId, anomalyRule.Id);

        var approvalRule = await Client.Approvals.CreateApprovalRuleAsync(projectId, new ApprovalRuleInput { Name = "payments deletes", StatementKinds = [ApprovalRuleStatementKind.Delete], RelationName = "payments", MinAffectedRows = 1000 });
        await Client.Approvals.ListApprovalRulesAsync(projectId);
        await Client.Approvals.GetApprovalRuleAsync(projectId, approvalRule.Id);
        await Client.Approvals.UpdateApprovalRuleAsync(projectId, approvalRule.Id, new ApprovalRuleInput { Name = "payments deletes", Enabled = false });
        await Client.Approvals.DeleteApprovalRuleAsync(projectId, approvalRule.Id);

        var alert = Sandbox.SeedAnomalyAlert(projectId, new AnomalyAlert { Kind = "egress_spike" });
        await Client.Anomalies.ListAnomalyAlertsAsync(projectId, new ListAnomalyAlertsParams { Status = AnomalyAlertStatus.Open, Kind = AnomalyKind.EgressSpike });
        await Client.Anomalies.UpdateAnomalyAlertAsync(projectId, alert.Id, new UpdateAnomalyAlertRequest { Status = AnomalyAlertStatusUpdate.Acknowledged });

        Sandbox.SeedAuditEntry(projectId, new AuditLogEntry { SessionId = "0000a41f", Sql = "SELECT id FROM orders", StatementKind = "select", RowsReturned = 3, LatencyMs = 2 });
        Sandbox.SeedAuditEntry(projectId, new AuditLogEntry { SessionId = "0000a41f", Event = "blocked", Sql = "DELETE FROM orders", StatementKind = "delete", DecisionRule = "read_only" });
        using (var csv = new MemoryStream())
        {
            await Client.Agents.ExportAuditLogsAsync(projectId, csv, new ExportAuditLogsParams { Decision = AuditDecision.Block });
        }

        await Client.Agents.GetAuditSessionSummaryAsync(projectId, "0000a41f");
        await Client.Agents.VerifyAuditChainAsync(projectId);
    }
}
