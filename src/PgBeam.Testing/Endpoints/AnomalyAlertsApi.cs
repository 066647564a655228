using System;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;
using PgBeam.Testing.Validation;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// Anomaly alerts (<c>ano_</c>), raised by the server: the sandbox holds the ones put in place with
/// <see cref="PgBeamSandbox.SeedAnomalyAlert"/>. List: most recent first (by <c>created_at</c>, then seeding order),
/// narrowed by <c>status</c> and <c>kind</c>, paged. Triage (PATCH, and <c>update_anomaly_alert</c> in a batch) moves
/// an alert forward only: open → acknowledged → resolved, or open → resolved. Asking for the status it already has
/// changes nothing; a resolved alert cannot be acknowledged again (400 on <c>status</c>: the contract gives the
/// operation no 409). The first move off <c>open</c> records <c>acknowledged_at</c> and <c>acknowledged_by</c>.
/// </summary>
internal static class AnomalyAlertsApi
{
    public static SandboxResult List(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        ContractInput.Query(call, "listAnomalyAlerts");
        var status = call.Query.String("status");
        var kind = call.Query.String("kind");
        var (alerts, next) = state.AnomalyAlerts.Page(
            a => a.ProjectId == project.Id && (status is null || a.Status.Value == status) && (kind is null || a.Kind == kind),
            call.Query.PageSize(),
            call.Query.String("page_token", idPattern: true),
            rows => rows.OrderByDescending(r => r.Value.CreatedAt).ThenByDescending(r => r.Sequence));
        return SandboxResult.Json(HttpStatusCode.OK, new ListAnomalyAlertsResponse { Anomalies = alerts, NextPageToken = next });
    }

    public static SandboxResult Update(SandboxCall call)
    {
        var state = call.State;
        var projectId = state.RequireProject(call.Path("project_id")).Id;
        var alert = state.RequireAnomalyAlert(projectId, call.Path("anomaly_id"));
        var body = ContractInput.Body(call, "updateAnomalyAlert");
        var status = new AnomalyAlertStatus(body.OneOf("status", AnomalyAlertStatusUpdate.KnownValues, required: true)!);
        if (RefusalOf(alert, status) is { } refusal)
        {
            throw body.Invalid("status", refusal);
        }

        Move(alert, status, call.Now);
        return SandboxResult.Json(HttpStatusCode.OK, alert);
    }

    /// <summary>Why the alert cannot move to <paramref name="status"/>, or null when it can.</summary>
    public static string? RefusalOf(AnomalyAlert alert, AnomalyAlertStatus status) =>
        alert.Status == AnomalyAlertStatus.Resolved && status == AnomalyAlertStatus.Acknowledged
            ? $"cannot be acknowledged: anomaly alert '{alert.Id}' is already resolved"
            : null;

    /// <summary>Moves the alert (checked with <see cref="RefusalOf"/> first); the same status again changes nothing.</summary>
    public static void Move(AnomalyAlert alert, AnomalyAlertStatus status, DateTimeOffset now)
    {
        if (alert.Status == status)
        {
            return;
        }

        if (alert.Status == AnomalyAlertStatus.Open)
        {
            alert.AcknowledgedAt = now;
            alert.AcknowledgedBy = ApprovalsApi.Decider;
        }

        alert.Status = status;
    }

    /// <summary>A title for a seeded alert of <paramref name="kind"/> that gave none.</summary>
    public static string TitleOf(string kind) => kind switch
    {
        "volume_spike" => "Query volume well above its baseline",
        "egress_spike" => "Bytes sent to the agent well above their baseline",
        "new_query_shape" => "Query shapes never seen from this credential",
        "off_hours" => "Activity outside the credential's usual hours",
        "error_spike" => "Error rate well above its baseline",
        "canary_tripped" => "A honeytoken was touched",
        "content_flagged" => "Instruction-like content found in a query result",
        _ => "Unusual activity: " + kind,
    };
}
