using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// The sandbox's policy engine for previews, replays and recommendations: one statement, read with
/// <see cref="SqlText"/>, judged against a profile's settings in this order: unparseable (block <c>unparseable</c>),
/// <c>statement_rules.deny</c>, then <c>allow</c> (block <c>statement_denied</c>), <c>read_only</c> against writes
/// (block <c>read_only</c>), <c>table_denylist</c> (a bare name in any schema; block <c>table_denied</c>),
/// <c>table_allowlist</c> (a bare name is the public table; block <c>table_not_allowed</c>); then, for reads, row
/// filters on the tables named (verdict <c>row-filter</c>, the predicate ANDed into WHERE) and masking rules on
/// the selected columns (<c>*</c> selects all; verdict <c>mask</c>). Stateful settings (max_rows, budgets,
/// approvals, write mode) come back as notes.
/// </summary>
internal static partial class PolicyEngine
{
    public static DryEvalResult Evaluate(PolicyProfileInput policy, string sql)
    {
        var kind = SqlText.Kind(sql);
        if (kind is null)
        {
            return Blocked("unparseable", "The statement could not be parsed, and what cannot be parsed is not run.", "Send one complete SQL statement.");
        }

        var deny = policy.StatementRules?.Deny ?? [];
        var allow = policy.StatementRules?.Allow ?? [];
        if (deny.Contains(kind) || (allow.Count > 0 && !allow.Contains(kind)))
        {
            return Blocked("statement_denied", $"Statements of kind {kind} are not permitted by the profile's statement_rules.", "Use a statement kind the profile allows, or change its statement_rules.");
        }

        if ((policy.AccessMode ?? PolicyProfileAccessMode.ReadOnly) == PolicyProfileAccessMode.ReadOnly && SqlText.IsWrite(kind))
        {
            return Blocked("read_only", $"The profile is read_only, and a {kind} statement changes data or schema.", "Run reads only, or use a read_write profile.");
        }

        var tables = SqlText.Tables(sql);
        var denylist = policy.TableDenylist ?? [];
        if (tables.FirstOrDefault(t => denylist.Any(d => SqlText.Names(d, t, anySchema: true))) is { } denied)
        {
            return Blocked("table_denied", $"The relation {denied} is on the profile's table_denylist.", "Leave that relation out of the statement.");
        }

        var allowlist = policy.TableAllowlist ?? [];
        if (allowlist.Count > 0 && tables.FirstOrDefault(t => !allowlist.Any(a => SqlText.Names(a, t, anySchema: false))) is { } outside)
        {
            return Blocked("table_not_allowed", $"The relation {outside} is not on the profile's table_allowlist.", "Use only the relations the profile allows: " + string.Join(", ", allowlist) + ".");
        }

        var result = new DryEvalResult { Verdict = DryEvalVerdict.Allow, Rule = "ok", Reason = "The profile's rules let the statement run as it is.", Notes = NotesFor(policy, kind) };
        if (kind != "select")
        {
            return result;
        }

        var columns = SqlText.SelectedColumns(sql);
        var masked = (policy.MaskingRules ?? [])
            .Where(r => tables.Any(t => SqlText.Names(r.Table, t, anySchema: true)) && (columns.Contains("*") || columns.Contains(r.Column.ToLowerInvariant())))
            .Select(r => new DryEvalMaskedColumn { Column = r.Column, Kind = r.Kind ?? MaskKind.Redact })
            .ToList();
        var filters = (policy.RowFilters ?? []).Where(f => tables.Any(t => SqlText.Names(f.Table, t, anySchema: true))).ToList();
        if (filters.Count > 0)
        {
            var predicate = string.Join(" AND ", filters.Select(f => filters.Count == 1 ? f.Predicate : "(" + f.Predicate + ")"));
            result.Verdict = DryEvalVerdict.RowFilter;
            result.Reason = "The statement runs with the profile's row filter on " + string.Join(", ", filters.Select(f => f.Table)) + (masked.Count > 0 ? ", and some result columns masked." : ".");
            result.RowFilterPredicate = predicate;
            result.RewrittenSql = InjectFilter(sql, predicate);
        }
        else if (masked.Count > 0)
        {
            result.Verdict = DryEvalVerdict.Mask;
            result.Reason = "The statement runs with " + string.Join(", ", masked.Select(m => m.Column)) + " masked in its result.";
        }

        if (masked.Count > 0)
        {
            result.MaskedColumns = masked;
        }

        return result;
    }

    /// <summary>Whether a result is a refusal.</summary>
    public static bool IsBlock(DryEvalResult result) => result.Verdict == DryEvalVerdict.Block;

    /// <summary>The statement with <paramref name="predicate"/> ANDed into its WHERE (or a WHERE added before GROUP BY/ORDER BY/LIMIT).</summary>
    public static string InjectFilter(string sql, string predicate)
    {
        var text = sql.Trim().TrimEnd(';').TrimEnd();
        var where = WhereKeyword().Match(text);
        var tail = TailClause().Match(text, where.Success ? where.Index : 0);
        var tailIndex = tail.Success ? tail.Index : text.Length;
        var rest = tail.Success ? " " + text[tailIndex..] : string.Empty;
        if (where.Success && where.Index < tailIndex)
        {
            var condition = text[(where.Index + where.Length)..tailIndex].Trim();
            return text[..where.Index] + "WHERE (" + predicate + ") AND (" + condition + ")" + rest;
        }

        return text[..tailIndex].TrimEnd() + " WHERE " + predicate + rest;
    }

    private static DryEvalResult Blocked(string rule, string reason, string hint) =>
        new() { Verdict = DryEvalVerdict.Block, Rule = rule, Reason = reason, Hint = hint };

    private static List<string> NotesFor(PolicyProfileInput policy, string kind)
    {
        var notes = new List<string>();
        if (kind == "select" && policy.MaxRows is > 0)
        {
            notes.Add($"Results longer than max_rows ({policy.MaxRows}) are truncated when the statement runs; a preview does not run it.");
        }

        var approval = policy.ApprovalMode ?? PolicyProfileApprovalMode.Off;
        var held = (approval == PolicyProfileApprovalMode.All && SqlText.IsWrite(kind))
            || (approval == PolicyProfileApprovalMode.Writes && kind is "insert" or "update" or "delete")
            || (approval == PolicyProfileApprovalMode.Ddl && kind == "ddl");
        if (held)
        {
            notes.Add($"approval_mode {approval} holds this statement for a person to approve; approvals are not simulated.");
        }

        if (SqlText.IsWrite(kind) && (policy.WriteMode ?? PolicyProfileWriteMode.Normal) != PolicyProfileWriteMode.Normal)
        {
            notes.Add($"write_mode {policy.WriteMode} routes this write; routing is not simulated.");
        }

        if (policy.BudgetQueriesPerHour is > 0 || policy.BudgetQueriesPerDay is > 0 || policy.EgressBytesPerDay is > 0)
        {
            notes.Add("Query and egress budgets are counted per region over time; one statement cannot exercise them.");
        }

        return notes;
    }

    [GeneratedRegex(@"\bWHERE\b", RegexOptions.IgnoreCase)]
    private static partial Regex WhereKeyword();

    [GeneratedRegex(@"\b(GROUP\s+BY|ORDER\s+BY|HAVING|LIMIT|OFFSET|FOR\s+UPDATE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TailClause();
}
