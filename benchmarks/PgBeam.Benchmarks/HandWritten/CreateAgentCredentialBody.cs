using System;

namespace PgBeam.Benchmarks.HandWritten;

/// <summary>A user's own model of the create-credential request; nulls are left out when written.</summary>
public sealed class CreateAgentCredentialBody
{
    public string Name { get; set; } = "";
    public string PolicyProfileId { get; set; } = "";
    public string? PrincipalType { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
}
