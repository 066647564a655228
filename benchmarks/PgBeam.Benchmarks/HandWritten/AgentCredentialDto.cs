using System;

namespace PgBeam.Benchmarks.HandWritten;

/// <summary>A user's own model of an agent credential.</summary>
public sealed class AgentCredentialDto
{
    public string Id { get; set; } = "";
    public string ProjectId { get; set; } = "";
    public string PolicyProfileId { get; set; } = "";
    public string Name { get; set; } = "";
    public string PgUsername { get; set; } = "";
    public string Status { get; set; } = "";
    public string? PrincipalType { get; set; }
    public string? AuthMethod { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
