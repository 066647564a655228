using System.Collections.Generic;

namespace PgBeam.ContractTests.Calls;

/// <summary>The calls of <c>client.Anomalies</c>.</summary>
internal static class AnomaliesCalls
{
    public static IEnumerable<OperationCall> All() =>
    [
        OperationCall.Returning("listAnomalyAlerts", CallVariant.RequiredOnly, (c, ct) =>
            c.Anomalies.ListAnomalyAlertsAsync(SampleIds.Project, cancellationToken: ct)),
        OperationCall.Returning("listAnomalyAlerts", CallVariant.AllFields, (c, ct) =>
            c.Anomalies.ListAnomalyAlertsAsync(SampleIds.Project, new ListAnomalyAlertsParams { Status = AnomalyAlertStatus.Open, PageSize = 10, PageToken = SampleIds.PageToken }, cancellationToken: ct)),

        OperationCall.Returning("updateAnomalyAlert", CallVariant.RequiredOnly, (c, ct) =>
            c.Anomalies.UpdateAnomalyAlertAsync(SampleIds.Project, SampleIds.Anomaly, new UpdateAnomalyAlertRequest { Status = AnomalyAlertStatusUpdate.Acknowledged }, cancellationToken: ct)),
        OperationCall.Returning("updateAnomalyAlert", CallVariant.AllFields, (c, ct) =>
            c.Anomalies.UpdateAnomalyAlertAsync(SampleIds.Project, SampleIds.Anomaly, new UpdateAnomalyAlertRequest { Status = AnomalyAlertStatusUpdate.Resolved }, cancellationToken: ct)),
    ];
}
