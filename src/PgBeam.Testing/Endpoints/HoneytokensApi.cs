using System;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;
using PgBeam.Testing.Validation;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// Honeytokens (<c>hnt_</c>): create, list (creation order, paged), get, replace (PUT, <c>If-Match</c> honoured by the
/// dispatcher), delete. A project watches a relation once: a second honeytoken on the same relation is a 409
/// <c>RESOURCE_EXISTS</c>, on create and on update. <c>schema_name</c> null or empty is the unqualified (public) form,
/// so <c>public.x</c> and <c>x</c> are the same relation; names compare without regard to case, as unquoted
/// PostgreSQL identifiers do. A blank <c>relation_name</c> is a 400 on the field.
/// </summary>
internal static class HoneytokensApi
{
    public static SandboxResult Create(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var input = Read(call, "createHoneytoken");
        RefuseTaken(state, project.Id, input, exceptId: null);
        var id = state.NewId("hnt");
        var token = new Honeytoken { Id = id, ProjectId = project.Id, CreatedAt = call.Now };
        Apply(input, token, call.Now);
        state.Honeytokens.Add(id, state.NextSequence(), token);
        return SandboxResult.Json(HttpStatusCode.Created, token);
    }

    public static SandboxResult List(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        ContractInput.Query(call, "listHoneytokens");
        var (tokens, next) = state.Honeytokens.Page(h => h.ProjectId == project.Id, call.Query.PageSize(), call.Query.String("page_token", idPattern: true));
        return SandboxResult.Json(HttpStatusCode.OK, new ListHoneytokensResponse { Honeytokens = tokens, NextPageToken = next });
    }

    public static SandboxResult Get(SandboxCall call)
    {
        var projectId = call.State.RequireProject(call.Path("project_id")).Id;
        return SandboxResult.Json(HttpStatusCode.OK, call.State.RequireHoneytoken(projectId, call.Path("honeytoken_id")));
    }

    /// <summary>PUT replaces the settings; the id and <c>created_at</c> stay.</summary>
    public static SandboxResult Update(SandboxCall call)
    {
        var state = call.State;
        var projectId = state.RequireProject(call.Path("project_id")).Id;
        var token = state.RequireHoneytoken(projectId, call.Path("honeytoken_id"));
        var input = Read(call, "updateHoneytoken");
        RefuseTaken(state, projectId, input, exceptId: token.Id);
        Apply(input, token, call.Now);
        return SandboxResult.Json(HttpStatusCode.OK, token);
    }

    public static SandboxResult Delete(SandboxCall call)
    {
        var state = call.State;
        var projectId = state.RequireProject(call.Path("project_id")).Id;
        var token = state.RequireHoneytoken(projectId, call.Path("honeytoken_id"));
        state.Honeytokens.Delete(token.Id);
        return SandboxResult.NoContent();
    }

    /// <summary>The schema the relation lives in, <c>public</c> for the unqualified form.</summary>
    public static string EffectiveSchema(string? schemaName) => string.IsNullOrEmpty(schemaName) ? "public" : schemaName;

    private static HoneytokenInput Read(SandboxCall call, string operationId)
    {
        var body = ContractInput.Body(call, operationId);
        var relation = body.String("relation_name", required: true, minLength: 1, maxLength: 255)!;
        if (string.IsNullOrWhiteSpace(relation))
        {
            throw body.Invalid("relation_name", "must not be blank");
        }

        var schema = body.String("schema_name", maxLength: 255, nullable: true);
        if (schema is not null && schema.Length > 0 && string.IsNullOrWhiteSpace(schema))
        {
            throw body.Invalid("schema_name", "must not be blank; leave it out or null for the unqualified (public) form");
        }

        body.OneOf("action", HoneytokenAction.KnownValues, required: true);
        return body.As<HoneytokenInput>();
    }

    private static void RefuseTaken(SandboxState state, string projectId, HoneytokenInput input, string? exceptId)
    {
        var schema = EffectiveSchema(input.SchemaName);
        var holder = state.Honeytokens.Live.FirstOrDefault(h => h.ProjectId == projectId && h.Id != exceptId
            && string.Equals(EffectiveSchema(h.SchemaName), schema, StringComparison.OrdinalIgnoreCase)
            && string.Equals(h.RelationName, input.RelationName, StringComparison.OrdinalIgnoreCase));
        if (holder is not null)
        {
            throw SandboxProblem.Exists($"Honeytoken '{holder.Id}' already watches {schema}.{input.RelationName} in project '{projectId}'.");
        }
    }

    private static void Apply(HoneytokenInput input, Honeytoken token, DateTimeOffset now)
    {
        token.SchemaName = string.IsNullOrEmpty(input.SchemaName) ? null : input.SchemaName;
        token.RelationName = input.RelationName;
        token.Action = input.Action!.Value;
        token.UpdatedAt = now;
    }
}
