using System;

namespace PgBeam.Benchmarks.HandWritten;

/// <summary>A user's own model of an audit log entry: every field of the contract.</summary>
public sealed class AuditLogEntryDto
{
    public string Id { get; set; } = "";
    public string ProjectId { get; set; } = "";
    public string? CredentialId { get; set; }
    public string? Region { get; set; }
    public string Event { get; set; } = "";
    public string? Sql { get; set; }
    public string? NormalizedSql { get; set; }
    public string? QueryHash { get; set; }
    public string? StatementKind { get; set; }
    public string? DecisionRule { get; set; }
    public string? Reason { get; set; }
    public long? RowsReturned { get; set; }
    public long? BytesOut { get; set; }
    public double? LatencyMs { get; set; }
    public string? CacheStatus { get; set; }
    public string? ClientIp { get; set; }
    public string? SessionId { get; set; }
    public string? Source { get; set; }
    public DateTimeOffset Ts { get; set; }
    public long? Seq { get; set; }
    public string? PrevHash { get; set; }
    public string? EntryHash { get; set; }
}
