using System;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;
using PgBeam.Testing.Validation;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// Anomaly rules (<c>anr_</c>): create, list (creation order, paged, muted rules included), get, replace (PUT,
/// <c>If-Match</c> honoured by the dispatcher), delete. A project holds at most one rule per credential and metric
/// (null credential = project-wide): another one is a 409 <c>RESOURCE_EXISTS</c>, on create and on update.
/// <c>credential_id</c> must name an agent credential of the project (400 on the field otherwise; empty reads as
/// null); <c>sigma_threshold</c> and <c>floor</c> must be above zero and are refused for <c>distinct_shapes</c> and
/// <c>active_hours</c>. <c>enabled</c> defaults to true.
/// </summary>
internal static class AnomalyRulesApi
{
    private static readonly AnomalyMetric[] RatelessMetrics = [AnomalyMetric.DistinctShapes, AnomalyMetric.ActiveHours];

    public static SandboxResult Create(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var input = Read(call, "createAnomalyRule", project.Id);
        RefuseTaken(state, project.Id, input, exceptId: null);
        var id = state.NewId("anr");
        var rule = new AnomalyRule { Id = id, ProjectId = project.Id, CreatedAt = call.Now };
        Apply(input, rule, call.Now);
        state.AnomalyRules.Add(id, state.NextSequence(), rule);
        return SandboxResult.Json(HttpStatusCode.Created, rule);
    }

    public static SandboxResult List(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        ContractInput.Query(call, "listAnomalyRules");
        var (rules, next) = state.AnomalyRules.Page(r => r.ProjectId == project.Id, call.Query.PageSize(), call.Query.String("page_token", idPattern: true));
        return SandboxResult.Json(HttpStatusCode.OK, new ListAnomalyRulesResponse { AnomalyRules = rules, NextPageToken = next });
    }

    public static SandboxResult Get(SandboxCall call)
    {
        var projectId = call.State.RequireProject(call.Path("project_id")).Id;
        return SandboxResult.Json(HttpStatusCode.OK, call.State.RequireAnomalyRule(projectId, call.Path("anomaly_rule_id")));
    }

    /// <summary>PUT overwrites scope, metric and sensitivity; a field left out takes its default again.</summary>
    public static SandboxResult Update(SandboxCall call)
    {
        var state = call.State;
        var projectId = state.RequireProject(call.Path("project_id")).Id;
        var rule = state.RequireAnomalyRule(projectId, call.Path("anomaly_rule_id"));
        var input = Read(call, "updateAnomalyRule", projectId);
        RefuseTaken(state, projectId, input, exceptId: rule.Id);
        Apply(input, rule, call.Now);
        return SandboxResult.Json(HttpStatusCode.OK, rule);
    }

    public static SandboxResult Delete(SandboxCall call)
    {
        var state = call.State;
        var projectId = state.RequireProject(call.Path("project_id")).Id;
        var rule = state.RequireAnomalyRule(projectId, call.Path("anomaly_rule_id"));
        state.AnomalyRules.Delete(rule.Id);
        return SandboxResult.NoContent();
    }

    private static AnomalyRuleInput Read(SandboxCall call, string operationId, string projectId)
    {
        var body = ContractInput.Body(call, operationId);
        var metric = new AnomalyMetric(body.OneOf("metric", AnomalyMetric.KnownValues, required: true)!);
        var credentialId = body.String("credential_id", maxLength: 255, nullable: true);
        if (!string.IsNullOrEmpty(credentialId) && call.State.Credentials.Find(credentialId)?.Credential.ProjectId != projectId)
        {
            throw body.Invalid("credential_id", $"names no agent credential of project '{projectId}'");
        }

        var input = body.As<AnomalyRuleInput>();
        if (RatelessMetrics.Contains(metric))
        {
            if (input.SigmaThreshold is not null)
            {
                throw body.Invalid("sigma_threshold", $"is not accepted for the metric {metric}, which has no rate to test");
            }

            if (input.Floor is not null)
            {
                throw body.Invalid("floor", $"is not accepted for the metric {metric}, which has no rate to test");
            }
        }

        if (string.IsNullOrEmpty(input.CredentialId))
        {
            input.CredentialId = null;
        }

        return input;
    }

    private static void RefuseTaken(SandboxState state, string projectId, AnomalyRuleInput input, string? exceptId)
    {
        var holder = state.AnomalyRules.Live.FirstOrDefault(r => r.ProjectId == projectId && r.Id != exceptId
            && r.Metric == input.Metric && string.Equals(r.CredentialId, input.CredentialId, StringComparison.Ordinal));
        if (holder is not null)
        {
            var scope = input.CredentialId is null ? "the whole project" : $"agent credential '{input.CredentialId}'";
            throw SandboxProblem.Exists($"Anomaly rule '{holder.Id}' already tunes {input.Metric} for {scope}; update or delete it instead.");
        }
    }

    private static void Apply(AnomalyRuleInput input, AnomalyRule rule, DateTimeOffset now)
    {
        rule.CredentialId = input.CredentialId;
        rule.Metric = input.Metric!.Value;
        rule.SigmaThreshold = input.SigmaThreshold;
        rule.Floor = input.Floor;
        rule.Enabled = input.Enabled ?? true;
        rule.UpdatedAt = now;
    }
}
