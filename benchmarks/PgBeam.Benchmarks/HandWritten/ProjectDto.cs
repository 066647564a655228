using System;
using System.Collections.Generic;

namespace PgBeam.Benchmarks.HandWritten;

/// <summary>A user's own model of a project: every field of the contract, enums kept as strings.</summary>
public sealed class ProjectDto
{
    public string Id { get; set; } = "";
    public string OrgId { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public List<string>? Tags { get; set; }
    public string? Cloud { get; set; }
    public bool? SelfHosted { get; set; }
    public string? ProxyHost { get; set; }
    public int? QueriesPerSecond { get; set; }
    public int? BurstSize { get; set; }
    public int? MaxConnections { get; set; }
    public List<CidrEntryDto>? AllowedCidrs { get; set; }
    public string? DefaultPolicyProfileId { get; set; }
    public string? Residency { get; set; }
    public bool? AgentsDisabled { get; set; }
    public int? DatabaseCount { get; set; }
    public int? ActiveConnections { get; set; }
    public string Status { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
