using System;

namespace PgBeam.Testing.State;

/// <summary>An issued demo credential: its session, the secrets that prove who holds it, and whether it was given back.</summary>
internal sealed class StoredDemoSession(string sessionId, string tier, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
{
    public string SessionId { get; } = sessionId;

    public string Tier { get; } = tier;

    /// <summary>The caller's free-text name for itself, if it gave one.</summary>
    public string? Label { get; init; }

    /// <summary>The bearer token issued with the credential; never in messages.</summary>
    public string McpToken { get; init; } = string.Empty;

    /// <summary>The connection string issued with the credential; never in messages.</summary>
    public string ConnectionString { get; init; } = string.Empty;

    public DateTimeOffset IssuedAt { get; } = issuedAt;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    public DateTimeOffset? ReleasedAt { get; set; }

    /// <summary>Issued, not given back and not expired at <paramref name="now"/>.</summary>
    public bool IsLive(DateTimeOffset now) => ReleasedAt is null && ExpiresAt > now;
}
