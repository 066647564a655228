using System;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;
using PgBeam.Testing.Validation;

namespace PgBeam.Testing.Endpoints;

/// <summary>Policy profiles: create, list, get, replace (PUT), delete (refused while a credential or the project uses it).</summary>
internal static class PoliciesApi
{
    private static readonly string[] StatementKinds = ["transaction", "explain", "show", "set", "copy", "ddl", "delete", "update", "insert", "select"];

    public static SandboxResult Create(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var input = Read(call.Body());
        if (state.Policies.Live.Any(p => p.ProjectId == project.Id && p.Name == input.Name))
        {
            throw SandboxProblem.Exists($"Project '{project.Id}' already has a policy profile named '{input.Name}'.");
        }

        var id = state.NewId("pol");
        var policy = new PolicyProfile { Id = id, ProjectId = project.Id, CreatedAt = call.Now };
        Apply(input, policy, call.Now);
        state.Policies.Add(id, state.NextSequence(), policy);
        return SandboxResult.Json(HttpStatusCode.Created, policy);
    }

    public static SandboxResult List(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var (policies, next) = state.Policies.Page(p => p.ProjectId == project.Id, call.Query.PageSize(), call.Query.String("page_token", idPattern: true));
        return SandboxResult.Json(HttpStatusCode.OK, new ListPolicyProfilesResponse { Policies = policies, NextPageToken = next });
    }

    public static SandboxResult Get(SandboxCall call)
    {
        var projectId = call.State.RequireProject(call.Path("project_id")).Id;
        return SandboxResult.Json(HttpStatusCode.OK, call.State.RequirePolicy(projectId, call.Path("policy_id")));
    }

    /// <summary>PUT replaces the whole profile: a field left out takes its default again.</summary>
    public static SandboxResult Update(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var policy = state.RequirePolicy(project.Id, call.Path("policy_id"));
        var body = call.Body();
        var input = Read(body);

        // The contract gives updatePolicyProfile no 409, so a taken name is a 400 on the field.
        if (state.Policies.Live.FirstOrDefault(p => p.ProjectId == project.Id && p.Id != policy.Id && p.Name == input.Name) is { } holder)
        {
            throw body.Invalid("name", $"is already the name of policy profile '{holder.Id}' in this project");
        }

        Apply(input, policy, call.Now);
        return SandboxResult.Json(HttpStatusCode.OK, policy);
    }

    public static SandboxResult Delete(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var policy = state.RequirePolicy(project.Id, call.Path("policy_id"));
        var user = state.CredentialsOf(project.Id).FirstOrDefault(c => c.Credential.PolicyProfileId == policy.Id && c.Credential.Status != AgentCredentialStatus.Revoked);
        if (user is not null)
        {
            throw SandboxProblem.Conflict($"Policy profile '{policy.Id}' is used by agent credential '{user.Credential.Id}'; revoke the credential or move it to another profile first.");
        }

        if (project.DefaultPolicyProfileId == policy.Id)
        {
            throw SandboxProblem.Conflict($"Policy profile '{policy.Id}' is the default profile of project '{project.Id}'; unset default_policy_profile_id first.");
        }

        state.Policies.Delete(policy.Id);
        return SandboxResult.NoContent();
    }

    private static PolicyProfileInput Read(JsonBody body)
    {
        body.String("name", required: true, minLength: 1, maxLength: 128);
        body.OneOf("access_mode", PolicyProfileAccessMode.KnownValues);
        if (body.Object("statement_rules") is { } rules)
        {
            rules.StringArray("allow", allowed: StatementKinds);
            rules.StringArray("deny", allowed: StatementKinds);
        }

        body.StringArray("table_allowlist");
        body.StringArray("table_denylist");
        foreach (var rule in body.ObjectArray("masking_rules") ?? [])
        {
            rule.String("table", required: true, minLength: 1);
            rule.String("column", required: true, minLength: 1);
            rule.OneOf("kind", MaskKind.KnownValues, required: true);
        }

        foreach (var filter in body.ObjectArray("row_filters") ?? [])
        {
            filter.String("table", required: true, minLength: 1);
            filter.String("predicate", required: true, minLength: 1);
        }

        body.Integer("budget_queries_per_hour", minimum: 0);
        body.Integer("budget_queries_per_day", minimum: 0);
        body.Integer("max_rows", minimum: 0);
        body.Integer("statement_timeout_ms", minimum: 0);
        body.OneOf("write_mode", PolicyProfileWriteMode.KnownValues);
        body.OneOf("approval_mode", PolicyProfileApprovalMode.KnownValues);
        body.Integer("approval_auto_max_rows", minimum: 0);
        body.Integer("approval_timeout_seconds", minimum: 0);
        body.OneOf("migration_safety", PolicyProfileMigrationSafety.KnownValues);
        body.Integer("egress_bytes_per_day", minimum: 0, maximum: long.MaxValue);
        body.Integer("max_affected_rows", minimum: 0);
        return body.As<PolicyProfileInput>();
    }

    /// <summary>Copies the input, filling what it leaves out with the contract's defaults.</summary>
    private static void Apply(PolicyProfileInput input, PolicyProfile policy, DateTimeOffset now)
    {
        policy.Name = input.Name;
        policy.AccessMode = input.AccessMode ?? PolicyProfileAccessMode.ReadOnly;
        policy.StatementRules = input.StatementRules;
        policy.TableAllowlist = input.TableAllowlist ?? [];
        policy.TableDenylist = input.TableDenylist ?? [];
        policy.MaskingRules = input.MaskingRules ?? [];
        policy.BudgetQueriesPerHour = input.BudgetQueriesPerHour ?? 0;
        policy.BudgetQueriesPerDay = input.BudgetQueriesPerDay ?? 0;
        policy.MaxRows = input.MaxRows ?? 0;
        policy.StatementTimeoutMs = input.StatementTimeoutMs ?? 0;
        policy.RowFilters = input.RowFilters ?? [];
        policy.WriteMode = input.WriteMode ?? PolicyProfileWriteMode.Normal;
        policy.ApprovalMode = input.ApprovalMode ?? PolicyProfileApprovalMode.Off;
        policy.ApprovalAutoMaxRows = input.ApprovalAutoMaxRows ?? 0;
        policy.ApprovalTimeoutSeconds = input.ApprovalTimeoutSeconds ?? 300;
        policy.MigrationSafety = input.MigrationSafety ?? PolicyProfileMigrationSafety.Off;
        policy.EgressBytesPerDay = input.EgressBytesPerDay ?? 0;
        policy.MaxAffectedRows = input.MaxAffectedRows ?? 0;
        policy.UpdatedAt = now;
    }
}
