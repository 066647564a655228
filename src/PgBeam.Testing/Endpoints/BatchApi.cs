using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;
using PgBeam.Testing.Validation;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// <c>executeBatch</c> on the credentials the sandbox keeps: <c>revoke_agent_credential</c> and
/// <c>set_agent_credential_status</c> change them as the single calls do, <c>update_anomaly_alert</c> triages the
/// kept alerts as <c>updateAnomalyAlert</c> does, and <c>put_schema_annotation</c> writes the project's schema
/// annotations as <c>putSchemaAnnotation</c> does. An <c>atomic</c> batch with a failing operation changes nothing and answers 409 with the
/// <see cref="BatchResponse"/> (the failed operations with their error, every other one <c>not_applied</c>); an
/// <c>independent</c> one applies what it can and answers 200.
/// </summary>
internal static class BatchApi
{
    public static SandboxResult Execute(SandboxCall call)
    {
        var state = call.State;
        var projectId = state.RequireProject(call.Path("project_id")).Id;
        var body = call.Body();
        var mode = new BatchMode(body.OneOf("mode", BatchMode.KnownValues, required: true)!);
        var operations = body.ObjectArray("operations", maxItems: 100) ?? throw body.Invalid("operations", "is required", "required");
        if (operations.Count == 0)
        {
            throw body.Invalid("operations", "must list at least one operation", "too_short");
        }

        var planned = operations.Select(operation => Plan(operation, state, projectId)).ToList();
        var duplicate = planned.GroupBy(p => p.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw body.Invalid("operations", $"repeats the id '{duplicate.Key}'; each operation needs its own");
        }

        var failed = planned.Count(p => p.Error is not null);
        var undo = mode == BatchMode.Atomic && failed > 0;
        var results = new List<BatchOperationResult>(planned.Count);
        foreach (var item in planned)
        {
            if (item.Error is null && !undo)
            {
                item.Apply?.Invoke(call.Now);
            }

            results.Add(new BatchOperationResult
            {
                Id = item.Id,
                Op = item.Op,
                Status = item.Error is not null ? BatchOperationResultStatus.Failed : undo ? BatchOperationResultStatus.NotApplied : BatchOperationResultStatus.Succeeded,
                Error = item.Error,
            });
        }

        var succeeded = undo ? 0 : planned.Count - failed;
        var response = new BatchResponse
        {
            Mode = mode,
            Applied = succeeded > 0,
            Summary = new BatchSummary { Requested = planned.Count, Succeeded = succeeded, Failed = failed, NotApplied = undo ? planned.Count - failed : 0 },
            Results = results,
        };
        return SandboxResult.Json(undo ? HttpStatusCode.Conflict : HttpStatusCode.OK, response);
    }

    private static PlannedOperation Plan(JsonBody operation, SandboxState state, string projectId)
    {
        var id = operation.String("id", required: true, minLength: 1, maxLength: 64)!;
        var op = operation.OneOf("op", BatchOperationOp.KnownValues, required: true)!;
        switch (op)
        {
            case "revoke_agent_credential":
            case "set_agent_credential_status":
                {
                    var agentId = operation.String("agent_id");
                    var target = agentId is null ? null : state.Credentials.Find(agentId);
                    if (agentId is null)
                    {
                        return PlannedOperation.Failing(id, op, BatchOperationErrorCode.InvalidInput, "agent_id is required for " + op);
                    }

                    if (target is null || target.Credential.ProjectId != projectId)
                    {
                        return PlannedOperation.Failing(id, op, BatchOperationErrorCode.NotFound, "agent credential not found");
                    }

                    var credential = target.Credential;
                    if (op == "revoke_agent_credential")
                    {
                        return new PlannedOperation(id, op, null, now =>
                        {
                            if (credential.Status != AgentCredentialStatus.Revoked)
                            {
                                credential.Status = AgentCredentialStatus.Revoked;
                                credential.UpdatedAt = now;
                            }
                        });
                    }

                    var status = operation.OneOf("agent_status", AgentCredentialStatusUpdate.KnownValues);
                    if (status is null)
                    {
                        return PlannedOperation.Failing(id, op, BatchOperationErrorCode.InvalidInput, "agent_status is required for " + op);
                    }

                    if (credential.Status == AgentCredentialStatus.Revoked)
                    {
                        return PlannedOperation.Failing(id, op, BatchOperationErrorCode.Conflict, "agent credential is revoked for good");
                    }

                    return new PlannedOperation(id, op, null, now =>
                    {
                        credential.Status = new AgentCredentialStatus(status);
                        credential.UpdatedAt = now;
                    });
                }

            case "update_anomaly_alert":
                return PlanAlertTriage(operation, state, projectId, id, op);

            case "put_schema_annotation":
                {
                    var (apply, error) = SchemaAnnotationsApi.PlanBatchPut(operation, state, projectId);
                    return error is null
                        ? new PlannedOperation(id, op, null, apply)
                        : PlannedOperation.Failing(id, op, BatchOperationErrorCode.InvalidInput, error);
                }

            default:
                return new PlannedOperation(id, op, null, null);
        }
    }

    /// <summary><c>update_anomaly_alert</c>: checked now against the alert's current status, applied only if the batch is.</summary>
    private static PlannedOperation PlanAlertTriage(JsonBody operation, SandboxState state, string projectId, string id, string op)
    {
        var anomalyId = operation.String("anomaly_id");
        var status = operation.OneOf("anomaly_status", AnomalyAlertStatusUpdate.KnownValues);
        if (anomalyId is null || status is null)
        {
            return PlannedOperation.Failing(id, op, BatchOperationErrorCode.InvalidInput, "anomaly_id and anomaly_status are required for " + op);
        }

        if (state.AnomalyAlerts.Find(anomalyId) is not { } alert || alert.ProjectId != projectId)
        {
            return PlannedOperation.Failing(id, op, BatchOperationErrorCode.NotFound, "anomaly alert not found");
        }

        var target = new AnomalyAlertStatus(status);
        return AnomalyAlertsApi.RefusalOf(alert, target) is { } refusal
            ? PlannedOperation.Failing(id, op, BatchOperationErrorCode.Conflict, "status " + refusal)
            : new PlannedOperation(id, op, null, now => AnomalyAlertsApi.Move(alert, target, now));
    }

    private sealed record PlannedOperation(string Id, string Op, BatchOperationError? Error, Action<DateTimeOffset>? Apply)
    {
        public static PlannedOperation Failing(string id, string op, BatchOperationErrorCode code, string message) =>
            new(id, op, new BatchOperationError { Code = code, Message = message }, null);
    }
}
