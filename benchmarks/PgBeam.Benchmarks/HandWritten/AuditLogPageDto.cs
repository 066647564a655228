using System.Collections.Generic;

namespace PgBeam.Benchmarks.HandWritten;

/// <summary>A user's own model of one audit log page.</summary>
public sealed class AuditLogPageDto
{
    public List<AuditLogEntryDto> Entries { get; set; } = [];
    public string? NextPageToken { get; set; }
}
