using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// Reports on one of a project's databases, computed from the stored database and the fixed
/// <see cref="SampleSchema"/> (nothing is stored): a connection test, the schema catalog and a PII scan. A database
/// whose host is under <c>.invalid</c> cannot be reached, and each report says so in its <c>error</c> field (the
/// connection test with <c>ok: false</c>).
/// </summary>
internal static class DatabaseInspectionApi
{
    /// <summary>The version a reachable sample database reports.</summary>
    public const string ServerVersion = "PostgreSQL 16.4";

    /// <summary>The round trip a reachable sample database takes, fixed so answers are reproducible.</summary>
    public const double LatencyMs = 2.5;

    /// <summary>
    /// Column-name rules of the PII scan: a column of a base table whose name (any case) is one of the names of a
    /// rule is flagged with that rule's type, mask and confidence. Views are not scanned (their tables are). A binary
    /// column is always advised the <c>null</c> mask, the only one that keeps its wire type.
    /// </summary>
    private static readonly PiiRule[] Rules =
    [
        new(PiiType.Ssn, MaskKind.Null, 0.95f, "ssn", "social_security_number"),
        new(PiiType.CreditCard, MaskKind.Null, 0.95f, "card_number", "credit_card", "cc_number"),
        new(PiiType.Email, MaskKind.Hash, 0.9f, "email", "email_address"),
        new(PiiType.BankAccount, MaskKind.Null, 0.9f, "iban", "bank_account", "account_number"),
        new(PiiType.Passport, MaskKind.Null, 0.9f, "passport", "passport_number"),
        new(PiiType.Phone, MaskKind.Redact, 0.85f, "phone", "phone_number", "mobile"),
        new(PiiType.ApiSecret, MaskKind.Null, 0.85f, "token", "api_key", "secret", "password_hash"),
        new(PiiType.IpAddress, MaskKind.Hash, 0.8f, "ip_address", "ip", "last_ip"),
        new(PiiType.DateOfBirth, MaskKind.Redact, 0.8f, "date_of_birth", "dob", "birth_date"),
        new(PiiType.StreetAddress, MaskKind.Redact, 0.75f, "shipping_address", "street_address", "address"),
        new(PiiType.FullName, MaskKind.Redact, 0.7f, "full_name", "first_name", "last_name"),
    ];

    /// <summary><c>ok</c> with <see cref="LatencyMs"/> and <see cref="ServerVersion"/>, or the resolution error of an unreachable host.</summary>
    public static SandboxResult TestConnection(SandboxCall call)
    {
        var database = RequireDatabase(call);
        var result = SampleSchema.IsReachable(database)
            ? new TestConnectionResult { Ok = true, LatencyMs = LatencyMs, ServerVersion = ServerVersion }
            : new TestConnectionResult { Ok = false, LatencyMs = null, Error = SampleSchema.UnreachableError(database) };
        return SandboxResult.Json(HttpStatusCode.OK, result);
    }

    /// <summary>The <see cref="SampleSchema"/> relations with their counts; empty with the error when unreachable.</summary>
    public static SandboxResult SchemaCatalog(SandboxCall call)
    {
        var database = RequireDatabase(call);
        if (!SampleSchema.IsReachable(database))
        {
            return SandboxResult.Json(HttpStatusCode.OK, new SchemaCatalog { Relations = [], ScannedRelations = 0, ScannedColumns = 0, Truncated = false, Error = SampleSchema.UnreachableError(database) });
        }

        var relations = SampleSchema.Relations();
        return SandboxResult.Json(HttpStatusCode.OK, new SchemaCatalog
        {
            Relations = relations.ToList(),
            ScannedRelations = relations.Count,
            ScannedColumns = relations.Sum(r => r.Columns.Count),
            Truncated = false,
        });
    }

    /// <summary>The base tables of <see cref="SampleSchema"/> checked against <see cref="Rules"/>, strongest suggestion first.</summary>
    public static SandboxResult ScanPii(SandboxCall call)
    {
        var database = RequireDatabase(call);
        if (!SampleSchema.IsReachable(database))
        {
            return SandboxResult.Json(HttpStatusCode.OK, new ScanPiiResult { ScannedTables = 0, ScannedColumns = 0, Suggestions = [], Truncated = false, Error = SampleSchema.UnreachableError(database) });
        }

        var tables = SampleSchema.Relations().Where(r => r.Kind == SchemaCatalogRelationKind.Table).ToList();
        var suggestions = new List<PiiSuggestion>();
        foreach (var table in tables)
        {
            foreach (var column in table.Columns)
            {
                var name = column.Name.ToLowerInvariant();
                if (Rules.FirstOrDefault(r => r.Names.Contains(name, StringComparer.Ordinal)) is { } rule)
                {
                    suggestions.Add(new PiiSuggestion
                    {
                        Schema = table.Schema,
                        Table = table.Name,
                        Column = column.Name,
                        DataType = column.DataType,
                        PiiType = rule.Type,
                        MaskKind = column.IsBinary ? MaskKind.Null : rule.Mask,
                        Confidence = rule.Confidence,
                        Reasons = [$"column name matches '{name}'"],
                    });
                }
            }
        }

        return SandboxResult.Json(HttpStatusCode.OK, new ScanPiiResult
        {
            ScannedTables = tables.Count,
            ScannedColumns = tables.Sum(t => t.Columns.Count),
            Suggestions = suggestions
                .OrderByDescending(s => s.Confidence)
                .ThenBy(s => s.Schema, StringComparer.Ordinal)
                .ThenBy(s => s.Table, StringComparer.Ordinal)
                .ThenBy(s => s.Column, StringComparer.Ordinal)
                .ToList(),
            Truncated = false,
        });
    }

    private static Database RequireDatabase(SandboxCall call)
    {
        var project = call.State.RequireProject(call.Path("project_id"));
        return call.State.RequireDatabase(project.Id, call.Path("database_id"));
    }

    /// <summary>One name rule of the PII scan.</summary>
    private sealed record PiiRule(PiiType Type, MaskKind Mask, float Confidence, params string[] Names);
}
