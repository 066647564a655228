using System;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;
using PgBeam.Testing.Validation;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// A project's schema annotations (<c>sca_</c> ids): notes on a table (no column) or a column. The key is
/// <c>schema_name</c>, <c>table_name</c> and <c>column_name</c> together, compared exactly; an empty schema or column
/// name is stored as null (the unqualified form, the table itself). PUT is an upsert: under a key already used it
/// replaces the note and moves <c>updated_at</c>, keeping the id and <c>created_at</c>; otherwise it creates one.
/// Delete finds the note by its key in the query; a key with no note is 404. <c>executeBatch</c>'s
/// <c>put_schema_annotation</c> writes through <see cref="PlanBatchPut"/>, with the same rules.
/// </summary>
internal static class SchemaAnnotationsApi
{
    public static SandboxResult Put(SandboxCall call)
    {
        var project = call.State.RequireProject(call.Path("project_id"));
        var input = Read(call.Body());
        return SandboxResult.Json(HttpStatusCode.OK, Upsert(call.State, project.Id, input, call.Now));
    }

    public static SandboxResult List(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var (annotations, next) = state.SchemaAnnotations.Page(a => a.ProjectId == project.Id, call.Query.PageSize(), call.Query.String("page_token", idPattern: true));
        return SandboxResult.Json(HttpStatusCode.OK, new ListSchemaAnnotationsResponse { Annotations = annotations, NextPageToken = next });
    }

    public static SandboxResult Delete(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var table = QueryName(call.Query, "table_name", required: true)!;
        var schema = QueryName(call.Query, "schema_name", required: false);
        var column = QueryName(call.Query, "column_name", required: false);
        var annotation = Find(state, project.Id, schema, table, column)
            ?? throw SandboxProblem.NotFound($"Project '{project.Id}' has no schema annotation for {Describe(schema, table, column)}.");
        state.SchemaAnnotations.Delete(annotation.Id);
        return SandboxResult.NoContent();
    }

    /// <summary>
    /// Checks a batch item's <c>annotation</c> and returns the write to apply, or the reason it cannot be. Nothing is
    /// written here, so an atomic batch that fails elsewhere leaves the annotations as they were.
    /// </summary>
    public static (Action<DateTimeOffset>? Apply, string? Error) PlanBatchPut(JsonBody operation, SandboxState state, string projectId)
    {
        if (operation.Object("annotation") is not { } annotation)
        {
            return (null, "annotation is required for put_schema_annotation");
        }

        var input = Read(annotation);
        return (now => Upsert(state, projectId, input, now), null);
    }

    private static SchemaAnnotationInput Read(JsonBody body)
    {
        body.String("schema_name", maxLength: 255, nullable: true);
        body.String("table_name", required: true, minLength: 1, maxLength: 255);
        body.String("column_name", maxLength: 255, nullable: true);
        body.String("description", required: true, minLength: 1, maxLength: 4096);
        var input = body.As<SchemaAnnotationInput>();
        input.SchemaName = string.IsNullOrEmpty(input.SchemaName) ? null : input.SchemaName;
        input.ColumnName = string.IsNullOrEmpty(input.ColumnName) ? null : input.ColumnName;
        return input;
    }

    private static SchemaAnnotation Upsert(SandboxState state, string projectId, SchemaAnnotationInput input, DateTimeOffset now)
    {
        if (Find(state, projectId, input.SchemaName, input.TableName, input.ColumnName) is { } existing)
        {
            existing.Description = input.Description;
            existing.UpdatedAt = now;
            return existing;
        }

        var annotation = new SchemaAnnotation
        {
            Id = state.NewId("sca"),
            ProjectId = projectId,
            SchemaName = input.SchemaName,
            TableName = input.TableName,
            ColumnName = input.ColumnName,
            Description = input.Description,
            CreatedAt = now,
            UpdatedAt = now,
        };
        state.SchemaAnnotations.Add(annotation.Id, state.NextSequence(), annotation);
        return annotation;
    }

    private static SchemaAnnotation? Find(SandboxState state, string projectId, string? schema, string table, string? column) =>
        state.SchemaAnnotations.Live.FirstOrDefault(a => a.ProjectId == projectId
            && string.Equals(a.SchemaName, schema, StringComparison.Ordinal)
            && string.Equals(a.TableName, table, StringComparison.Ordinal)
            && string.Equals(a.ColumnName, column, StringComparison.Ordinal));

    /// <summary>A name from the query: at most 255 characters; empty reads as absent except for a required one.</summary>
    private static string? QueryName(QueryParameters query, string name, bool required)
    {
        var value = query.Pairs.Where(p => p.Key == name).Select(p => p.Value).LastOrDefault();
        if (string.IsNullOrEmpty(value))
        {
            return required ? query.String(name, required: true) : null;
        }

        return value.Length <= 255 ? value : throw SandboxProblem.Field(name, "too_long", $"Query parameter '{name}' must be at most 255 characters long.");
    }

    private static string Describe(string? schema, string table, string? column) =>
        (schema is null ? "table '" + table + "'" : $"table '{schema}.{table}'") + (column is null ? string.Empty : $" column '{column}'");
}
