using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class SchemaAnnotationTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public async Task Put_creates_a_note_and_a_second_put_under_the_same_key_overwrites_it()
    {
        var project = await CreateProjectAsync();

        var first = await Client.SchemaAnnotations.PutSchemaAnnotationAsync(project.Id, new SchemaAnnotationInput { SchemaName = "public", TableName = "users", ColumnName = "email", Description = "Login e-mail." });
        Clock.Advance(TimeSpan.FromMinutes(2));
        var second = await Client.SchemaAnnotations.PutSchemaAnnotationAsync(project.Id, new SchemaAnnotationInput { SchemaName = "public", TableName = "users", ColumnName = "email", Description = "Login e-mail, unique." });
        var listed = (await Client.SchemaAnnotations.ListSchemaAnnotationsAsync(project.Id)).Annotations;

        Assert.That(first.Id, Does.StartWith("sca_"));
        Assert.That(first.ProjectId, Is.EqualTo(project.Id));
        Assert.That(second.Id, Is.EqualTo(first.Id));
        Assert.That(second.Description, Is.EqualTo("Login e-mail, unique."));
        Assert.That(second.CreatedAt, Is.EqualTo(Start));
        Assert.That(second.UpdatedAt, Is.EqualTo(Start.AddMinutes(2)));
        Assert.That(listed.Select(a => (a.Id, a.Description)), Is.EqualTo(new[] { (first.Id, "Login e-mail, unique.") }));
    }

    [Test]
    public async Task Schema_table_and_column_together_are_the_key_and_empty_names_mean_none()
    {
        var project = await CreateProjectAsync();

        var table = await Client.SchemaAnnotations.PutSchemaAnnotationAsync(project.Id, new SchemaAnnotationInput { SchemaName = "public", TableName = "users", Description = "Accounts." });
        var column = await Client.SchemaAnnotations.PutSchemaAnnotationAsync(project.Id, new SchemaAnnotationInput { SchemaName = "public", TableName = "users", ColumnName = "email", Description = "E-mail." });
        var unqualified = await Client.SchemaAnnotations.PutSchemaAnnotationAsync(project.Id, new SchemaAnnotationInput { SchemaName = "", TableName = "users", ColumnName = "", Description = "Accounts, any schema." });
        var sameAsUnqualified = await Client.SchemaAnnotations.PutSchemaAnnotationAsync(project.Id, new SchemaAnnotationInput { TableName = "users", Description = "Accounts (no schema)." });

        Assert.That(new[] { table.Id, column.Id, unqualified.Id }.Distinct().Count(), Is.EqualTo(3));
        Assert.That(sameAsUnqualified.Id, Is.EqualTo(unqualified.Id));
        Assert.That(unqualified.SchemaName, Is.Null);
        Assert.That(unqualified.ColumnName, Is.Null);
        Assert.That(table.ColumnName, Is.Null);
        Assert.That((await Client.SchemaAnnotations.ListSchemaAnnotationsAsync(project.Id)).Annotations, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Delete_finds_the_note_by_its_key_and_a_second_delete_is_404()
    {
        var project = await CreateProjectAsync();
        var table = await Client.SchemaAnnotations.PutSchemaAnnotationAsync(project.Id, new SchemaAnnotationInput { SchemaName = "public", TableName = "users", Description = "Accounts." });
        var column = await Client.SchemaAnnotations.PutSchemaAnnotationAsync(project.Id, new SchemaAnnotationInput { SchemaName = "public", TableName = "users", ColumnName = "email", Description = "E-mail." });

        await Client.SchemaAnnotations.DeleteSchemaAnnotationAsync(project.Id, "users", new DeleteSchemaAnnotationParams { SchemaName = "public", ColumnName = "email" });

        Assert.That((await Client.SchemaAnnotations.ListSchemaAnnotationsAsync(project.Id)).Annotations.Select(a => a.Id), Is.EqualTo(new[] { table.Id }));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.SchemaAnnotations.DeleteSchemaAnnotationAsync(project.Id, "users", new DeleteSchemaAnnotationParams { SchemaName = "public", ColumnName = "email" }));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.SchemaAnnotations.DeleteSchemaAnnotationAsync(project.Id, "users"), "no note stored without a schema");
        await Client.SchemaAnnotations.DeleteSchemaAnnotationAsync(project.Id, "users", new DeleteSchemaAnnotationParams { SchemaName = "public" });
        Assert.That((await Client.SchemaAnnotations.ListSchemaAnnotationsAsync(project.Id)).Annotations, Is.Empty);
        Assert.That(column.Id, Is.Not.EqualTo(table.Id));
    }

    [Test]
    public async Task Notes_belong_to_their_project_and_list_pages_through_them()
    {
        var project = await CreateProjectAsync("one");
        var other = await CreateProjectAsync("two");
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await Client.SchemaAnnotations.PutSchemaAnnotationAsync(project.Id, new SchemaAnnotationInput { TableName = $"t{i}", Description = "note" })).Id);
        }

        await Client.SchemaAnnotations.PutSchemaAnnotationAsync(other.Id, new SchemaAnnotationInput { TableName = "t0", Description = "elsewhere" });

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await Client.SchemaAnnotations.ListSchemaAnnotationsAsync(project.Id, new ListSchemaAnnotationsParams { PageSize = 2, PageToken = token });
            seen.AddRange(page.Annotations.Select(a => a.Id));
            token = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken;
        }
        while (token is not null);

        Assert.That(seen, Is.EqualTo(created));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.SchemaAnnotations.ListSchemaAnnotationsAsync("prj_missing"));
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.SchemaAnnotations.PutSchemaAnnotationAsync("prj_missing", new SchemaAnnotationInput { TableName = "t", Description = "d" }));
    }

    [Test]
    public async Task A_batch_put_schema_annotation_writes_the_note_as_the_single_call_does()
    {
        var project = await CreateProjectAsync();
        var existing = await Client.SchemaAnnotations.PutSchemaAnnotationAsync(project.Id, new SchemaAnnotationInput { SchemaName = "public", TableName = "orders", Description = "old" });
        Clock.Advance(TimeSpan.FromMinutes(1));

        var result = await Client.Batch.ExecuteBatchAsync(project.Id, new BatchRequest
        {
            Mode = BatchMode.Atomic,
            Operations =
            [
                new BatchOperation { Id = "a", Op = BatchOperationOp.PutSchemaAnnotation, Annotation = new SchemaAnnotationInput { SchemaName = "public", TableName = "orders", Description = "new" } },
                new BatchOperation { Id = "b", Op = BatchOperationOp.PutSchemaAnnotation, Annotation = new SchemaAnnotationInput { SchemaName = "public", TableName = "orders", ColumnName = "total", Description = "cents" } },
            ],
        });
        var listed = (await Client.SchemaAnnotations.ListSchemaAnnotationsAsync(project.Id)).Annotations;

        Assert.That(result.Summary.Succeeded, Is.EqualTo(2));
        Assert.That(listed.Select(a => (a.Id == existing.Id, a.ColumnName, a.Description)), Is.EqualTo(new[] { (true, (string?)null, "new"), (false, "total", "cents") }));
        Assert.That(listed[0].UpdatedAt, Is.EqualTo(Start.AddMinutes(1)));
    }

    [Test]
    public async Task An_atomic_batch_that_fails_writes_no_annotation()
    {
        var project = await CreateProjectAsync();

        var rolledBack = Assert.ThrowsAsync<PgBeamBatchRolledBackException>(() => Client.Batch.ExecuteBatchAsync(project.Id, new BatchRequest
        {
            Mode = BatchMode.Atomic,
            Operations =
            [
                new BatchOperation { Id = "note", Op = BatchOperationOp.PutSchemaAnnotation, Annotation = new SchemaAnnotationInput { TableName = "orders", Description = "kept?" } },
                new BatchOperation { Id = "bad", Op = BatchOperationOp.RevokeAgentCredential, AgentId = "agt_missing" },
                new BatchOperation { Id = "empty", Op = BatchOperationOp.PutSchemaAnnotation },
            ],
        }));

        Assert.That(rolledBack!.FailedOperations.Select(f => (f.Id, f.Error!.Code)), Is.EqualTo(new[] { ("bad", BatchOperationErrorCode.NotFound), ("empty", BatchOperationErrorCode.InvalidInput) }));
        Assert.That((await Client.SchemaAnnotations.ListSchemaAnnotationsAsync(project.Id)).Annotations, Is.Empty);
    }
}
