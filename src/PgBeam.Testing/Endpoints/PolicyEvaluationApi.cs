using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;
using PgBeam.Testing.Validation;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// Policy previews, computed with <see cref="PolicyEngine"/> and never stored: <c>dryEvalPolicy</c> judges one
/// statement; <c>replayPolicy</c> judges the project's recorded statements (audit entries with a statement outcome:
/// query, masked, truncated, blocked), one per normalized shape, newest shapes first, up to <c>limit</c>;
/// <c>recommendAgentPolicy</c> works out the narrowest profile passing everything a credential ran in its lookback
/// window and replays it over that traffic. A policy is given inline (<c>policy</c>) or by id (<c>policy_id</c>),
/// exactly one (400 otherwise; an id that names no profile of the project is a 400 on <c>policy_id</c>).
/// </summary>
internal static class PolicyEvaluationApi
{
    private static readonly string[] Outcomes = ["query", "masked", "truncated", "blocked"];

    public static SandboxResult DryEval(SandboxCall call)
    {
        var project = call.State.RequireProject(call.Path("project_id"));
        var body = ContractInput.Body(call, "dryEvalPolicy");
        var sql = body.String("sql", required: true, minLength: 1, maxLength: 100_000)!;
        var policy = PolicyOf(call, body, project.Id);
        return SandboxResult.Json(HttpStatusCode.OK, PolicyEngine.Evaluate(policy, sql));
    }

    public static SandboxResult Replay(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var body = ContractInput.Body(call, "replayPolicy");
        var policy = PolicyOf(call, body, project.Id);
        var credentialId = body.String("credential_id");
        var boundPolicyId = body.String("bound_policy_id");
        if (credentialId is not null && boundPolicyId is not null)
        {
            throw body.Invalid("bound_policy_id", "cannot be combined with credential_id");
        }

        if (boundPolicyId is not null && state.Policies.Find(boundPolicyId)?.ProjectId != project.Id)
        {
            throw body.Invalid("bound_policy_id", $"names no policy profile of project '{project.Id}'");
        }

        var end = body.Timestamp("end_ts") ?? call.Now;
        var start = body.Timestamp("start_ts") ?? end.AddDays(-7);
        if (start >= end)
        {
            throw body.Invalid("start_ts", "must be before end_ts");
        }

        var bound = boundPolicyId is null ? null : state.CredentialsOf(project.Id).Where(c => c.Credential.PolicyProfileId == boundPolicyId).Select(c => c.Credential.Id).ToHashSet(StringComparer.Ordinal);
        var entries = state.AuditEntries.Where(e => e.ProjectId == project.Id && e.Ts >= start && e.Ts < end
            && (credentialId is null || e.CredentialId == credentialId)
            && (bound is null || (e.CredentialId is not null && bound.Contains(e.CredentialId))));
        var result = Run(policy, entries, (int)(body.Integer("limit", minimum: 1, maximum: 500) ?? 200));
        if (bound is not null)
        {
            result.Summary.TrafficScope = PolicyReplaySummaryTrafficScope.BoundCredentials;
            result.Summary.BoundCredentials = bound.Count;
        }

        return SandboxResult.Json(HttpStatusCode.OK, result);
    }

    public static SandboxResult Recommend(SandboxCall call)
    {
        var state = call.State;
        var projectId = state.RequireProject(call.Path("project_id")).Id;
        var credential = state.RequireCredential(projectId, call.Path("agent_id")).Credential;
        var body = ContractInput.Body(call, "recommendAgentPolicy");
        var lookback = body.Integer("lookback_days", minimum: 1, maximum: 365) ?? 30;
        var limit = (int)(body.Integer("limit", minimum: 1, maximum: 500) ?? 200);
        var windowEnd = call.Now;
        var windowStart = windowEnd.AddDays(-lookback);
        var entries = state.AuditEntries.Where(e => e.ProjectId == projectId && e.CredentialId == credential.Id && e.Ts >= windowStart && e.Ts < windowEnd).ToList();
        var executed = entries
            .Where(e => e.Event is "query" or "masked" or "truncated" && SqlText.Kind(e.Sql) is not null)
            .GroupBy(e => SqlText.Normalize(e.Sql), StringComparer.Ordinal)
            .OrderByDescending(g => g.Max(e => e.Ts))
            .Take(limit)
            .SelectMany(g => g)
            .ToList();
        var recommendation = new PolicyRecommendation
        {
            ObservedEntries = entries.Count,
            ObservedQueries = executed.Select(e => SqlText.Normalize(e.Sql)).Distinct(StringComparer.Ordinal).Count(),
            WindowStart = windowStart,
            WindowEnd = windowEnd,
        };
        if (executed.Count == 0)
        {
            recommendation.SufficientHistory = false;
            recommendation.Message = $"Agent credential '{credential.Id}' ran no parseable statement in the last {lookback} days, so there is nothing to derive a policy from.";
            return SandboxResult.Json(HttpStatusCode.OK, recommendation);
        }

        var kinds = SqlText.Kinds.Where(k => executed.Any(e => SqlText.Kind(e.Sql) == k)).ToList();
        var tables = executed.SelectMany(e => SqlText.Tables(e.Sql)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var writes = kinds.Any(SqlText.IsWrite);
        var rows = executed.Select(e => e.RowsReturned ?? 0).Order().ToList();
        var maxRows = rows[Math.Max(0, (int)Math.Ceiling(0.99 * rows.Count) - 1)];
        var name = "least-privilege " + credential.Name;
        var candidate = new PolicyProfileInput
        {
            Name = name.Length > 128 ? name[..128] : name,
            AccessMode = writes ? PolicyProfileAccessMode.ReadWrite : PolicyProfileAccessMode.ReadOnly,
            StatementRules = new StatementRules { Allow = kinds, Deny = [] },
            TableAllowlist = tables,
            MaxRows = (int)Math.Min(maxRows, int.MaxValue),
        };
        recommendation.SufficientHistory = true;
        recommendation.Candidate = candidate;
        recommendation.Replay = Run(candidate, entries, limit);
        recommendation.Notes =
        [
            writes ? "read_write: the credential ran writes (" + string.Join(", ", kinds.Where(SqlText.IsWrite)) + ")." : "read_only: no write was seen in the window.",
            "statement_rules.allow lists the kinds the credential used: " + string.Join(", ", kinds) + ".",
            "table_allowlist lists the " + tables.Count + " relation(s) its statements named.",
            maxRows > 0 ? $"max_rows {maxRows} is the 99th percentile of the rows its statements returned." : "max_rows stays 0 (no limit): no statement returned rows.",
        ];
        return SandboxResult.Json(HttpStatusCode.OK, recommendation);
    }

    /// <summary>Replays <paramref name="entries"/> through <paramref name="policy"/>: shapes newest first, changes on top.</summary>
    public static PolicyReplayResult Run(PolicyProfileInput policy, IEnumerable<AuditLogEntry> entries, int limit)
    {
        var recorded = entries.Where(e => Outcomes.Contains(e.Event) && !string.IsNullOrEmpty(e.Sql)).ToList();
        var shapes = recorded
            .GroupBy(e => SqlText.Normalize(e.Sql), StringComparer.Ordinal)
            .OrderByDescending(g => g.Max(e => e.Ts))
            .ToList();
        var summary = new PolicyReplaySummary
        {
            TrafficScope = PolicyReplaySummaryTrafficScope.Project,
            EntriesScanned = recorded.Count,
            DistinctQueries = Math.Min(shapes.Count, limit),
            Truncated = shapes.Count > limit,
        };
        var items = new List<PolicyReplayItem>();
        foreach (var shape in shapes.Take(limit))
        {
            var latest = shape.OrderBy(e => e.Ts).ThenBy(e => e.Seq).Last();
            if (SqlText.Kind(latest.Sql) is not { } kind)
            {
                summary.SkippedUnparseable++;
                continue;
            }

            var result = PolicyEngine.Evaluate(policy, latest.Sql!);
            var wasBlocked = latest.Event == "blocked";
            var isBlocked = PolicyEngine.IsBlock(result);
            var change = (wasBlocked, isBlocked) switch
            {
                (false, true) => PolicyReplayChange.NewlyBlocked,
                (true, false) => PolicyReplayChange.NewlyAllowed,
                (true, true) => PolicyReplayChange.StillBlocked,
                _ => PolicyReplayChange.StillAllowed,
            };
            summary.Evaluated++;
            summary.WouldAllow += result.Verdict == DryEvalVerdict.Allow ? 1 : 0;
            summary.WouldBlock += isBlocked ? 1 : 0;
            summary.WouldMask += result.Verdict == DryEvalVerdict.Mask ? 1 : 0;
            summary.WouldRowFilter += result.Verdict == DryEvalVerdict.RowFilter ? 1 : 0;
            summary.NewlyBlocked += change == PolicyReplayChange.NewlyBlocked ? 1 : 0;
            summary.NewlyAllowed += change == PolicyReplayChange.NewlyAllowed ? 1 : 0;
            var item = new PolicyReplayItem
            {
                QueryHash = SqlText.Hash(shape.Key),
                Sql = shape.Key,
                StatementKind = kind,
                Occurrences = shape.Count(),
                FirstSeen = shape.Min(e => e.Ts),
                LastSeen = latest.Ts,
                RecordedEvent = latest.Event,
                Change = change,
                Result = result,
            };
            if (wasBlocked && !string.IsNullOrEmpty(latest.DecisionRule))
            {
                item.RecordedRule = latest.DecisionRule;
            }

            items.Add(item);
        }

        return new PolicyReplayResult
        {
            Summary = summary,
            Items = items
                .OrderBy(i => i.Change == PolicyReplayChange.NewlyBlocked ? 0 : i.Change == PolicyReplayChange.NewlyAllowed ? 1 : 2)
                .ThenByDescending(i => i.Occurrences)
                .ToList(),
        };
    }

    /// <summary>The policy to judge with: the inline draft, or the saved profile <c>policy_id</c> names; exactly one.</summary>
    private static PolicyProfileInput PolicyOf(SandboxCall call, JsonBody body, string projectId)
    {
        var policyId = body.String("policy_id", minLength: 1);
        var draft = body.Object("policy");
        if (policyId is not null && draft is not null)
        {
            throw body.Invalid("policy_id", "cannot be given together with policy; give exactly one of them");
        }

        if (policyId is null && draft is null)
        {
            throw body.Invalid("policy", "is required unless policy_id names a saved profile");
        }

        if (draft is not null)
        {
            if (draft.Object("statement_rules") is { } rules)
            {
                rules.StringArray("allow", allowed: SqlText.Kinds);
                rules.StringArray("deny", allowed: SqlText.Kinds);
            }

            return body.As<PolicyReplayInput>().Policy!;
        }

        return call.State.Policies.Find(policyId!) is { } saved && saved.ProjectId == projectId
            ? saved.ToInput()
            : throw body.Invalid("policy_id", $"names no policy profile of project '{projectId}'");
    }
}
