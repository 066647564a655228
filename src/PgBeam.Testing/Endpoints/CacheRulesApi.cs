using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// Cache rules of a database: the query shapes "observed" on it, which for a reachable database (see
/// <see cref="SampleSchema"/>) are seven fixed shapes over the sample schema (four reads, two writes, one
/// <c>SET</c>), each with fixed statistics; an unreachable one has none. <c>query_hash</c> is the real XXH64 of the
/// normalized SQL. The recommendation is computed from the statistics: a write or other statement is <c>poor</c>; a
/// read is <c>great</c> from a stability of 0.95, <c>good</c> from 0.8, <c>fair</c> from 0.5, else <c>poor</c>.
/// <c>first_seen_at</c> is when the database was added, <c>last_seen_at</c> when it last changed. Nothing is cached
/// until <c>updateCacheRule</c> says so: its settings are kept per database and shape (a TTL or SWR left out or null
/// inherits the project setting again), a hash the database has not seen is 404, and caching a statement that is not
/// a read is refused (400 on <c>cache_enabled</c>).
/// </summary>
internal static class CacheRulesApi
{
    private static readonly SampleShape[] Shapes =
    [
        new("SELECT * FROM users WHERE id = $1", CacheRuleQueryType.Read, 48_210, 0.9, 2.4, 412, 0.97),
        new("SELECT id, email, full_name FROM active_users ORDER BY id LIMIT $1", CacheRuleQueryType.Read, 9_120, 4.2, 11.8, 5_120, 0.88),
        new("SELECT * FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2", CacheRuleQueryType.Read, 15_400, 3.1, 9.6, 2_300, 0.61),
        new("SELECT day, revenue_cents FROM daily_revenue WHERE day >= $1 ORDER BY day", CacheRuleQueryType.Read, 640, 38.5, 120.2, 1_800, 0.99),
        new("INSERT INTO orders (user_id, total_cents, status) VALUES ($1, $2, $3)", CacheRuleQueryType.Write, 7_200, 1.8, 5.1, 0, 0),
        new("UPDATE orders SET status = $1 WHERE id = $2", CacheRuleQueryType.Write, 3_100, 1.5, 4.4, 0, 0),
        new("SET statement_timeout = $1", CacheRuleQueryType.Other, 2_000, 0.1, 0.3, 0, 0),
    ];

    public static SandboxResult List(SandboxCall call)
    {
        var state = call.State;
        var database = RequireDatabase(call);
        var table = new ResourceTable<CacheRuleEntry>();
        var position = 0;
        foreach (var entry in EntriesOf(state, database))
        {
            table.Add(entry.QueryHash, ++position, entry);
        }

        var (entries, next) = table.Page(_ => true, call.Query.PageSize(), call.Query.String("page_token", idPattern: true));
        return SandboxResult.Json(HttpStatusCode.OK, new ListCacheRulesResponse { Entries = entries, NextPageToken = next });
    }

    public static SandboxResult Update(SandboxCall call)
    {
        var state = call.State;
        var database = RequireDatabase(call);
        var hash = call.Path("query_hash");
        if (hash.Length != 16 || !hash.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            throw SandboxProblem.Field("query_hash", "invalid_format", "Path parameter 'query_hash' must be 16 lowercase hex digits.");
        }

        var body = call.Body();
        var enabled = body.Boolean("cache_enabled", required: true)!.Value;
        var ttl = body.IsNull("cache_ttl_seconds") ? null : body.Integer("cache_ttl_seconds", minimum: 0, maximum: 86_400);
        var swr = body.IsNull("cache_swr_seconds") ? null : body.Integer("cache_swr_seconds", minimum: 0, maximum: 86_400);
        var entry = EntriesOf(state, database).FirstOrDefault(e => e.QueryHash == hash)
            ?? throw SandboxProblem.NotFound($"Database '{database.Id}' has no query shape with hash '{hash}'.");
        if (enabled && entry.QueryType != CacheRuleQueryType.Read)
        {
            throw body.Invalid("cache_enabled", $"cannot be true for query shape '{hash}': only read statements are cached");
        }

        state.CacheRules[KeyOf(database.Id, hash)] = new StoredCacheRule { CacheEnabled = enabled, CacheTtlSeconds = (int?)ttl, CacheSwrSeconds = (int?)swr };
        var updated = EntriesOf(state, database).First(e => e.QueryHash == hash);
        return SandboxResult.Json(HttpStatusCode.OK, new UpdateCacheRuleResponse { Entry = updated });
    }

    /// <summary>The shapes observed on <paramref name="database"/>, with the settings kept for it.</summary>
    private static IEnumerable<CacheRuleEntry> EntriesOf(SandboxState state, Database database)
    {
        if (!SampleSchema.IsReachable(database))
        {
            yield break;
        }

        foreach (var shape in Shapes)
        {
            var hash = XxHash64.HexOf(shape.Sql);
            state.CacheRules.TryGetValue(KeyOf(database.Id, hash), out var rule);
            yield return new CacheRuleEntry
            {
                QueryHash = hash,
                NormalizedSql = shape.Sql,
                QueryType = shape.Type,
                CacheEnabled = rule?.CacheEnabled ?? false,
                CacheTtlSeconds = rule?.CacheTtlSeconds,
                CacheSwrSeconds = rule?.CacheSwrSeconds,
                CallCount = shape.Calls,
                AvgLatencyMs = shape.AverageMs,
                P95LatencyMs = shape.P95Ms,
                AvgResponseBytes = shape.AverageBytes,
                StabilityRate = shape.Stability,
                Recommendation = Recommend(shape),
                FirstSeenAt = database.CreatedAt,
                LastSeenAt = database.UpdatedAt,
            };
        }
    }

    private static CacheRuleRecommendation Recommend(SampleShape shape) => shape switch
    {
        { Type: var type } when type != CacheRuleQueryType.Read => CacheRuleRecommendation.Poor,
        { Stability: >= 0.95 } => CacheRuleRecommendation.Great,
        { Stability: >= 0.8 } => CacheRuleRecommendation.Good,
        { Stability: >= 0.5 } => CacheRuleRecommendation.Fair,
        _ => CacheRuleRecommendation.Poor,
    };

    private static string KeyOf(string databaseId, string hash) => databaseId + "/" + hash;

    private static Database RequireDatabase(SandboxCall call)
    {
        var project = call.State.RequireProject(call.Path("project_id"));
        return call.State.RequireDatabase(project.Id, call.Path("database_id"));
    }

    /// <summary>One fixed query shape with its statistics.</summary>
    private sealed record SampleShape(string Sql, CacheRuleQueryType Type, long Calls, double AverageMs, double P95Ms, long AverageBytes, double Stability);
}
