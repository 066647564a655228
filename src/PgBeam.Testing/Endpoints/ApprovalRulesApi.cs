using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;
using PgBeam.Testing.Validation;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// Approval rules (<c>apl_</c>): create, list (creation order, paged, disabled rules included), get, replace (PUT,
/// <c>If-Match</c> honoured by the dispatcher), delete. The name must not be blank and is unique in the project (409
/// <c>RESOURCE_EXISTS</c> on create and update). <c>statement_kinds</c> left out or empty means all kinds (stored as
/// an empty list, repeats dropped); empty <c>schema_name</c> / <c>relation_name</c> read as null (any);
/// <c>min_affected_rows</c> is 1 or more; <c>enabled</c> defaults to true. An enabled rule is a 409 while the
/// organization has a live self-host enrollment (<see cref="SelfHostApprovalConflict"/>).
/// </summary>
internal static class ApprovalRulesApi
{
    public static SandboxResult Create(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var input = Read(call, "createApprovalRule");
        RefuseTaken(state, project.Id, input.Name, exceptId: null);
        RefuseUnderSelfHost(state, project.Id, input, call.Now);
        var id = state.NewId("apl");
        var rule = new ApprovalRule { Id = id, ProjectId = project.Id, CreatedAt = call.Now };
        Apply(input, rule, call.Now);
        state.ApprovalRules.Add(id, state.NextSequence(), rule);
        return SandboxResult.Json(HttpStatusCode.Created, rule);
    }

    public static SandboxResult List(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        ContractInput.Query(call, "listApprovalRules");
        var (rules, next) = state.ApprovalRules.Page(r => r.ProjectId == project.Id, call.Query.PageSize(), call.Query.String("page_token", idPattern: true));
        return SandboxResult.Json(HttpStatusCode.OK, new ListApprovalRulesResponse { ApprovalRules = rules, NextPageToken = next });
    }

    public static SandboxResult Get(SandboxCall call)
    {
        var projectId = call.State.RequireProject(call.Path("project_id")).Id;
        return SandboxResult.Json(HttpStatusCode.OK, call.State.RequireApprovalRule(projectId, call.Path("approval_rule_id")));
    }

    /// <summary>PUT sets every field anew; a field left out takes its default again.</summary>
    public static SandboxResult Update(SandboxCall call)
    {
        var state = call.State;
        var projectId = state.RequireProject(call.Path("project_id")).Id;
        var rule = state.RequireApprovalRule(projectId, call.Path("approval_rule_id"));
        var input = Read(call, "updateApprovalRule");
        RefuseTaken(state, projectId, input.Name, exceptId: rule.Id);
        RefuseUnderSelfHost(state, projectId, input, call.Now);
        Apply(input, rule, call.Now);
        return SandboxResult.Json(HttpStatusCode.OK, rule);
    }

    public static SandboxResult Delete(SandboxCall call)
    {
        var state = call.State;
        var projectId = state.RequireProject(call.Path("project_id")).Id;
        var rule = state.RequireApprovalRule(projectId, call.Path("approval_rule_id"));
        state.ApprovalRules.Delete(rule.Id);
        return SandboxResult.NoContent();
    }

    private static ApprovalRuleInput Read(SandboxCall call, string operationId)
    {
        var body = ContractInput.Body(call, operationId);
        var name = body.String("name", required: true, minLength: 1, maxLength: 255)!;
        if (string.IsNullOrWhiteSpace(name))
        {
            throw body.Invalid("name", "must not be blank");
        }

        body.StringArray("statement_kinds", allowed: ApprovalRuleStatementKind.KnownValues.Select(k => k.ToString()).ToArray());
        body.Integer("min_affected_rows", minimum: 1);
        return body.As<ApprovalRuleInput>();
    }

    private static void RefuseTaken(SandboxState state, string projectId, string name, string? exceptId)
    {
        if (state.ApprovalRules.Live.FirstOrDefault(r => r.ProjectId == projectId && r.Id != exceptId && r.Name == name) is { } holder)
        {
            throw SandboxProblem.Exists($"Approval rule '{holder.Id}' of project '{projectId}' is already named '{name}'.");
        }
    }

    private static void RefuseUnderSelfHost(SandboxState state, string projectId, ApprovalRuleInput input, DateTimeOffset now)
    {
        if (input.Enabled ?? true)
        {
            SelfHostApprovalConflict.RefuseEnabledRule(state, projectId, now);
        }
    }

    private static void Apply(ApprovalRuleInput input, ApprovalRule rule, DateTimeOffset now)
    {
        rule.Name = input.Name;
        rule.StatementKinds = (input.StatementKinds ?? []).Distinct().ToList();
        rule.SchemaName = string.IsNullOrEmpty(input.SchemaName) ? null : input.SchemaName;
        rule.RelationName = string.IsNullOrEmpty(input.RelationName) ? null : input.RelationName;
        rule.MinAffectedRows = input.MinAffectedRows;
        rule.Enabled = input.Enabled ?? true;
        rule.UpdatedAt = now;
    }
}
