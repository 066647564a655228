using System;
using System.Collections.Generic;
using System.Linq;
using PgBeam.Testing.State;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// What the sandbox pretends every reachable upstream database holds, since it has no real Postgres behind it: one
/// fixed shop schema in <c>public</c>, five tables, a view and a materialized view, listed by schema then name:
/// <list type="bullet">
/// <item><c>active_users</c> (view): <c>id</c>, <c>email</c>, <c>full_name</c>.</item>
/// <item><c>daily_revenue</c> (materialized view): <c>day</c>, <c>revenue_cents</c>.</item>
/// <item><c>employees</c>: <c>id</c>, <c>full_name</c>, <c>ssn</c>, <c>passport_number</c>, <c>salary_cents</c>.</item>
/// <item><c>orders</c>: <c>id</c>, <c>user_id</c>, <c>total_cents</c>, <c>shipping_address</c>, <c>status</c>, <c>created_at</c>.</item>
/// <item><c>payments</c>: <c>id</c>, <c>order_id</c>, <c>card_number</c>, <c>iban</c>, <c>amount_cents</c>, <c>created_at</c>.</item>
/// <item><c>sessions</c>: <c>id</c>, <c>user_id</c>, <c>ip_address</c>, <c>token</c> (bytea, binary), <c>expires_at</c>.</item>
/// <item><c>users</c>: <c>id</c>, <c>email</c>, <c>full_name</c>, <c>phone</c>, <c>date_of_birth</c>, <c>created_at</c>.</item>
/// </list>
/// A database whose host is under the reserved <c>.invalid</c> top-level domain (RFC 6761), which never resolves,
/// is unreachable: connection tests fail, and the catalog, the PII scan and the cache rules come back empty.
/// </summary>
internal static class SampleSchema
{
    /// <summary>The schema every sample relation is in.</summary>
    public const string Schema = "public";

    /// <summary>The sample relations, by schema then name.</summary>
    public static IReadOnlyList<SchemaCatalogRelation> Relations() =>
    [
        Relation("active_users", SchemaCatalogRelationKind.View, ("id", "bigint"), ("email", "text"), ("full_name", "text")),
        Relation("daily_revenue", SchemaCatalogRelationKind.MaterializedView, ("day", "date"), ("revenue_cents", "bigint")),
        Relation("employees", SchemaCatalogRelationKind.Table, ("id", "bigint"), ("full_name", "text"), ("ssn", "text"), ("passport_number", "text"), ("salary_cents", "bigint")),
        Relation("orders", SchemaCatalogRelationKind.Table, ("id", "bigint"), ("user_id", "bigint"), ("total_cents", "bigint"), ("shipping_address", "text"), ("status", "text"), ("created_at", "timestamp with time zone")),
        Relation("payments", SchemaCatalogRelationKind.Table, ("id", "bigint"), ("order_id", "bigint"), ("card_number", "text"), ("iban", "text"), ("amount_cents", "bigint"), ("created_at", "timestamp with time zone")),
        Relation("sessions", SchemaCatalogRelationKind.Table, ("id", "uuid"), ("user_id", "bigint"), ("ip_address", "inet"), ("token", "bytea"), ("expires_at", "timestamp with time zone")),
        Relation("users", SchemaCatalogRelationKind.Table, ("id", "bigint"), ("email", "text"), ("full_name", "text"), ("phone", "text"), ("date_of_birth", "date"), ("created_at", "timestamp with time zone")),
    ];

    /// <summary>Whether the sandbox can "reach" the database: its host is not under <c>.invalid</c>.</summary>
    public static bool IsReachable(Database database) =>
        !database.Host.TrimEnd('.').EndsWith(".invalid", StringComparison.OrdinalIgnoreCase)
        && !database.Host.TrimEnd('.').Equals("invalid", StringComparison.OrdinalIgnoreCase);

    /// <summary>The error a connection to an unreachable database reports, in Postgres client words.</summary>
    public static string UnreachableError(Database database) =>
        $"could not translate host name \"{database.Host}\" to address: Name or service not known";

    private static SchemaCatalogRelation Relation(string name, SchemaCatalogRelationKind kind, params (string Name, string DataType)[] columns) => new()
    {
        Schema = Schema,
        Name = name,
        Kind = kind,
        Columns = columns.Select(c => new SchemaCatalogColumn { Name = c.Name, DataType = c.DataType, IsBinary = c.DataType == "bytea" }).ToList(),
    };
}
