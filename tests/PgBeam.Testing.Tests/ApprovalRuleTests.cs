using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class ApprovalRuleTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public async Task A_rule_is_created_with_defaults_replaced_and_deleted()
    {
        var project = await CreateProjectAsync();
        var minimal = await Client.Approvals.CreateApprovalRuleAsync(project.Id, new ApprovalRuleInput { Name = "everything" });
        var payments = await Client.Approvals.CreateApprovalRuleAsync(project.Id, new ApprovalRuleInput
        {
            Name = "payments deletes",
            StatementKinds = [ApprovalRuleStatementKind.Delete, ApprovalRuleStatementKind.Delete, ApprovalRuleStatementKind.Update],
            SchemaName = "public",
            RelationName = "payments",
            MinAffectedRows = 1000,
        });
        Clock.Advance(TimeSpan.FromMinutes(2));

        var replaced = await Client.Approvals.UpdateApprovalRuleAsync(project.Id, payments.Id, new ApprovalRuleInput { Name = "payments deletes", Enabled = false });
        await Client.Approvals.DeleteApprovalRuleAsync(project.Id, minimal.Id);
        var listed = await Client.Approvals.ListApprovalRulesAsync(project.Id);

        Assert.That(minimal.Id, Does.Match("^apl_[0-9a-z]{26}$"));
        Assert.That((minimal.Enabled, minimal.StatementKinds.Count, minimal.MinAffectedRows, minimal.RelationName), Is.EqualTo((true, 0, (int?)null, (string?)null)));
        Assert.That(payments.StatementKinds, Is.EqualTo(new[] { ApprovalRuleStatementKind.Delete, ApprovalRuleStatementKind.Update }));
        Assert.That((payments.SchemaName, payments.RelationName, payments.MinAffectedRows), Is.EqualTo(("public", "payments", (int?)1000)));
        Assert.That((replaced.Enabled, replaced.StatementKinds.Count, replaced.RelationName, replaced.UpdatedAt), Is.EqualTo((false, 0, (string?)null, Start.AddMinutes(2))));
        Assert.That(listed.ApprovalRules.Select(r => r.Id), Is.EqualTo(new[] { payments.Id }), "disabled rules are listed; deleted ones are not");
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Approvals.GetApprovalRuleAsync(project.Id, minimal.Id));
    }

    [Test]
    public async Task Names_are_unique_in_a_project_and_never_blank()
    {
        var project = await CreateProjectAsync();
        var deletes = await Client.Approvals.CreateApprovalRuleAsync(project.Id, new ApprovalRuleInput { Name = "big-deletes" });
        var ddl = await Client.Approvals.CreateApprovalRuleAsync(project.Id, new ApprovalRuleInput { Name = "ddl", StatementKinds = [ApprovalRuleStatementKind.Ddl] });

        var duplicate = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Approvals.CreateApprovalRuleAsync(project.Id, new ApprovalRuleInput { Name = "big-deletes" }));
        var renamed = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Approvals.UpdateApprovalRuleAsync(project.Id, ddl.Id, new ApprovalRuleInput { Name = "big-deletes" }));
        var blank = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Approvals.CreateApprovalRuleAsync(project.Id, new ApprovalRuleInput { Name = "  " }));
        var rows = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Approvals.CreateApprovalRuleAsync(project.Id, new ApprovalRuleInput { Name = "zero", MinAffectedRows = 0 }));
        var kind = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Approvals.CreateApprovalRuleAsync(project.Id, new ApprovalRuleInput { Name = "reads", StatementKinds = [new ApprovalRuleStatementKind("select")] }));
        ForgetViolations();
        await Client.Approvals.DeleteApprovalRuleAsync(project.Id, deletes.Id);
        var reused = await Client.Approvals.CreateApprovalRuleAsync(project.Id, new ApprovalRuleInput { Name = "big-deletes" });

        Assert.That(duplicate!.ErrorCode, Is.EqualTo("RESOURCE_EXISTS"));
        Assert.That(renamed!.ErrorCode, Is.EqualTo("RESOURCE_EXISTS"));
        Assert.That(blank!.Errors.Single().Field, Is.EqualTo("name"));
        FieldAssert.SchemaRefused(rows, "min_affected_rows", Transport);
        FieldAssert.SchemaRefused(kind, "statement_kinds[0]", Transport);
        Assert.That(reused.Id, Is.Not.EqualTo(deletes.Id));
        Assert.That((await Client.Approvals.GetApprovalRuleAsync(project.Id, ddl.Id)).Name, Is.EqualTo("ddl"));
    }

    [Test]
    public async Task Pages_and_Modify_through_If_Match()
    {
        var project = await CreateProjectAsync();
        for (var i = 0; i < 3; i++)
        {
            await Client.Approvals.CreateApprovalRuleAsync(project.Id, new ApprovalRuleInput { Name = $"rule-{i}" });
        }

        var first = await Client.Approvals.ListApprovalRulesAsync(project.Id, new ListApprovalRulesParams { PageSize = 2 });
        var second = await Client.Approvals.ListApprovalRulesAsync(project.Id, new ListApprovalRulesParams { PageSize = 2, PageToken = first.NextPageToken });
        var target = first.ApprovalRules[0];
        var rounds = 0;
        var modified = await Client.Approvals.ModifyApprovalRuleAsync(project.Id, target.Id, input =>
        {
            if (++rounds == 1)
            {
                Client.Approvals.UpdateApprovalRuleAsync(project.Id, target.Id, new ApprovalRuleInput { Name = target.Name, MinAffectedRows = 10 }).GetAwaiter().GetResult();
            }

            input.Enabled = false;
        });

        Assert.That(first.ApprovalRules.Concat(second.ApprovalRules).Select(r => r.Name), Is.EqualTo(new[] { "rule-0", "rule-1", "rule-2" }));
        Assert.That(second.NextPageToken, Is.Null);
        Assert.That(rounds, Is.EqualTo(2));
        Assert.That((modified.Enabled, modified.MinAffectedRows), Is.EqualTo((false, (int?)10)));
    }
}
