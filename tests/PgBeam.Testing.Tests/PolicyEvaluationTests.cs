using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class PolicyEvaluationTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    private static readonly PolicyProfileInput Support = new()
    {
        Name = "support",
        AccessMode = PolicyProfileAccessMode.ReadOnly,
        TableAllowlist = ["orders", "users", "billing.invoices"],
        TableDenylist = ["secrets"],
        MaskingRules = [new MaskingRule { Table = "users", Column = "email", Kind = MaskKind.Hash }],
        RowFilters = [new RowFilter { Table = "orders", Predicate = "tenant_id = 42" }],
        MaxRows = 100,
    };

    private Task<DryEvalResult> EvalAsync(string projectId, string sql, PolicyProfileInput? policy = null) =>
        Client.Policies.DryEvalPolicyAsync(projectId, new DryEvalInput { Sql = sql, Policy = policy ?? Support });

    [Test]
    public async Task A_draft_policy_judges_one_statement_by_its_rules()
    {
        var project = await CreateProjectAsync();

        var write = await EvalAsync(project.Id, "UPDATE orders SET status = 'paid' WHERE id = 7");
        var denied = await EvalAsync(project.Id, "SELECT * FROM public.secrets");
        var outside = await EvalAsync(project.Id, "SELECT id FROM billing.orders");
        var qualified = await EvalAsync(project.Id, "SELECT total FROM billing.invoices");
        var masked = await EvalAsync(project.Id, "SELECT id, email FROM users WHERE id = 1");
        var filtered = await EvalAsync(project.Id, "SELECT * FROM orders WHERE status = 'open' OR status = 'late' ORDER BY id LIMIT 5;");
        var kinds = await EvalAsync(project.Id, "SHOW search_path", new PolicyProfileInput { Name = "d", StatementRules = new StatementRules { Allow = ["select"] } });

        Assert.That((write.Verdict, write.Rule), Is.EqualTo((DryEvalVerdict.Block, "read_only")));
        Assert.That(write.Hint, Is.Not.Empty);
        Assert.That((denied.Verdict, denied.Rule), Is.EqualTo((DryEvalVerdict.Block, "table_denied")), "a bare denylist name blocks the relation in every schema");
        Assert.That(outside.Rule, Is.EqualTo("table_not_allowed"), "a bare allowlist name allows only the public table");
        Assert.That((qualified.Verdict, qualified.Rule), Is.EqualTo((DryEvalVerdict.Allow, "ok")));
        Assert.That(qualified.Notes, Has.Some.Contains("max_rows"));
        Assert.That(masked.Verdict, Is.EqualTo(DryEvalVerdict.Mask));
        Assert.That(masked.MaskedColumns!.Select(c => (c.Column, c.Kind)), Is.EqualTo(new[] { ("email", MaskKind.Hash) }));
        Assert.That((filtered.Verdict, filtered.RowFilterPredicate), Is.EqualTo((DryEvalVerdict.RowFilter, "tenant_id = 42")));
        Assert.That(filtered.RewrittenSql, Is.EqualTo("SELECT * FROM orders WHERE (tenant_id = 42) AND (status = 'open' OR status = 'late') ORDER BY id LIMIT 5"));
        Assert.That((kinds.Verdict, kinds.Rule), Is.EqualTo((DryEvalVerdict.Block, "statement_denied")));
    }

    [Test]
    public async Task A_saved_policy_is_named_by_id_and_exactly_one_policy_is_required()
    {
        var project = await CreateProjectAsync();
        var saved = await Client.Policies.CreatePolicyProfileAsync(project.Id, new PolicyProfileInput { Name = "writer", AccessMode = PolicyProfileAccessMode.ReadWrite, ApprovalMode = PolicyProfileApprovalMode.Writes });

        var allowed = await Client.Policies.DryEvalPolicyAsync(project.Id, new DryEvalInput { Sql = "DELETE FROM carts WHERE id = 3", PolicyId = saved.Id });
        var both = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Policies.DryEvalPolicyAsync(project.Id, new DryEvalInput { Sql = "SELECT 1", PolicyId = saved.Id, Policy = Support }));
        var neither = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Policies.DryEvalPolicyAsync(project.Id, new DryEvalInput { Sql = "SELECT 1" }));
        var unknown = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Policies.DryEvalPolicyAsync(project.Id, new DryEvalInput { Sql = "SELECT 1", PolicyId = "pol_missing" }));

        Assert.That(allowed.Verdict, Is.EqualTo(DryEvalVerdict.Allow));
        Assert.That(allowed.Notes, Has.Some.Contains("approval_mode"));
        Assert.That(both!.Errors.Single().Field, Is.EqualTo("policy_id"));
        Assert.That(neither!.Errors.Single().Field, Is.EqualTo("policy"));
        Assert.That(unknown!.Errors.Single().Field, Is.EqualTo("policy_id"));
    }

    [Test]
    public async Task A_replay_reports_what_a_candidate_would_change_in_the_recorded_traffic()
    {
        var project = await CreateProjectAsync();
        var permissive = await Client.Policies.CreatePolicyProfileAsync(project.Id, new PolicyProfileInput { Name = "rw", AccessMode = PolicyProfileAccessMode.ReadWrite });
        var bot = (await CreateCredentialAsync(project.Id, permissive.Id, "bot")).Credential.Id;
        var other = (await CreateCredentialAsync(project.Id, (await CreatePolicyAsync(project.Id, "ro")).Id, "other")).Credential.Id;
        Sandbox.SeedAuditEntry(project.Id, new AuditLogEntry { CredentialId = bot, Sql = "SELECT id FROM orders WHERE id = 1" });
        Sandbox.SeedAuditEntry(project.Id, new AuditLogEntry { CredentialId = bot, Sql = "SELECT id FROM orders WHERE id = 2" });
        Sandbox.SeedAuditEntry(project.Id, new AuditLogEntry { CredentialId = bot, Sql = "UPDATE orders SET status = 'x' WHERE id = 3" });
        Sandbox.SeedAuditEntry(project.Id, new AuditLogEntry { CredentialId = other, Event = "blocked", Sql = "DELETE FROM users", DecisionRule = "read_only" });
        Sandbox.SeedAuditEntry(project.Id, new AuditLogEntry { CredentialId = other, Event = "auth_failed" });
        Clock.Advance(TimeSpan.FromMinutes(1));

        var strict = await Client.Policies.ReplayPolicyAsync(project.Id, new PolicyReplayInput { Policy = new PolicyProfileInput { Name = "strict" } });
        var loose = await Client.Policies.ReplayPolicyAsync(project.Id, new PolicyReplayInput { Policy = new PolicyProfileInput { Name = "loose", AccessMode = PolicyProfileAccessMode.ReadWrite } });
        var bound = await Client.Policies.ReplayPolicyAsync(project.Id, new PolicyReplayInput { Policy = new PolicyProfileInput { Name = "strict" }, BoundPolicyId = permissive.Id });
        var mixed = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Policies.ReplayPolicyAsync(project.Id, new PolicyReplayInput { PolicyId = permissive.Id, CredentialId = bot, BoundPolicyId = permissive.Id }));

        Assert.That((strict.Summary.EntriesScanned, strict.Summary.DistinctQueries, strict.Summary.Evaluated), Is.EqualTo((4L, 3, 3)));
        Assert.That((strict.Summary.WouldAllow, strict.Summary.WouldBlock, strict.Summary.NewlyBlocked, strict.Summary.NewlyAllowed), Is.EqualTo((1, 2, 1, 0)));
        Assert.That(strict.Summary.TrafficScope, Is.EqualTo(PolicyReplaySummaryTrafficScope.Project));
        Assert.That(strict.Items.Select(i => (i.Sql, i.Change)), Is.EqualTo(new[]
        {
            ("UPDATE orders SET status = $1 WHERE id = $2", PolicyReplayChange.NewlyBlocked),
            ("SELECT id FROM orders WHERE id = $1", PolicyReplayChange.StillAllowed),
            ("DELETE FROM users", PolicyReplayChange.StillBlocked),
        }));
        Assert.That(strict.Items[1].Occurrences, Is.EqualTo(2));
        Assert.That(strict.Items[2].RecordedRule, Is.EqualTo("read_only"));
        Assert.That(loose.Items.First().Change, Is.EqualTo(PolicyReplayChange.NewlyAllowed));
        Assert.That((bound.Summary.TrafficScope, bound.Summary.BoundCredentials, bound.Summary.EntriesScanned), Is.EqualTo((PolicyReplaySummaryTrafficScope.BoundCredentials, (int?)1, 3L)));
        Assert.That(mixed!.Errors.Single().Field, Is.EqualTo("bound_policy_id"));
    }

    [Test]
    public async Task A_recommendation_allows_exactly_what_the_credential_ran()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var agent = (await CreateCredentialAsync(project.Id, policy.Id)).Credential.Id;
        var idle = (await CreateCredentialAsync(project.Id, policy.Id, "idle")).Credential.Id;
        Sandbox.SeedAuditEntry(project.Id, new AuditLogEntry { CredentialId = agent, Ts = Start.AddDays(-40), Sql = "SELECT * FROM archive" });
        Sandbox.SeedAuditEntry(project.Id, new AuditLogEntry { CredentialId = agent, Sql = "SELECT id FROM orders WHERE id = 1", RowsReturned = 1 });
        Sandbox.SeedAuditEntry(project.Id, new AuditLogEntry { CredentialId = agent, Event = "truncated", Sql = "SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id", RowsReturned = 250 });
        Sandbox.SeedAuditEntry(project.Id, new AuditLogEntry { CredentialId = agent, Event = "blocked", Sql = "DELETE FROM orders" });
        Clock.Advance(TimeSpan.FromMinutes(1));

        var recommendation = await Client.Policies.RecommendAgentPolicyAsync(project.Id, agent);
        var nothing = await Client.Policies.RecommendAgentPolicyAsync(project.Id, idle, new PolicyRecommendationInput { LookbackDays = 7 });

        Assert.That(recommendation.SufficientHistory, Is.True);
        Assert.That((recommendation.ObservedEntries, recommendation.ObservedQueries), Is.EqualTo((3L, 2)), "the 40-day-old entry is outside the 30-day window");
        Assert.That((recommendation.WindowStart, recommendation.WindowEnd), Is.EqualTo((Start.AddMinutes(1).AddDays(-30), Start.AddMinutes(1))));
        var candidate = recommendation.Candidate!;
        Assert.That(candidate.AccessMode, Is.EqualTo(PolicyProfileAccessMode.ReadOnly));
        Assert.That(candidate.StatementRules!.Allow, Is.EqualTo(new[] { "select" }));
        Assert.That(candidate.TableAllowlist, Is.EqualTo(new[] { "customers", "orders" }));
        Assert.That(candidate.MaxRows, Is.EqualTo(250));
        Assert.That(recommendation.Replay!.Summary.NewlyBlocked, Is.Zero);
        Assert.That(recommendation.Replay.Summary.Evaluated, Is.EqualTo(3));
        Assert.That(recommendation.Notes, Has.Some.Contains("read_only"));
        Assert.That((nothing.SufficientHistory, nothing.Candidate, nothing.Message), Is.EqualTo((false, (PolicyProfileInput?)null, nothing.Message)));
        Assert.That(nothing.Message, Is.Not.Empty);
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Policies.RecommendAgentPolicyAsync(project.Id, "agt_missing"));
    }
}
