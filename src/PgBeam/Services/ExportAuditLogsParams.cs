using System;

namespace PgBeam;

/// <summary>
/// The filters of <see cref="IAgentsClient.ExportAuditLogsAsync(string, ExportAuditLogsParams?, RequestOptions?, System.Threading.CancellationToken)"/>:
/// the same as <see cref="ListAuditLogsParams"/> without paging (the export is one stream). A property left
/// <see langword="null"/> is not sent.
/// </summary>
/// <remarks>
/// Written by hand because <c>exportAuditLogs</c> is left out of generation (it answers CSV, not JSON: see build/codegen); a test checks
/// that these properties stay those of <see cref="ListAuditLogsParams"/> minus <c>Before</c> and <c>PageSize</c>.
/// </remarks>
public sealed class ExportAuditLogsParams
{
    /// <summary>Restrict to one agent credential.</summary>
    public string? CredentialId { get; set; }

    /// <summary>Restrict to one event type, e.g. <c>query</c>.</summary>
    public string? Event { get; set; }

    /// <summary>
    /// Outcome bucket covering several events. <c>truncate</c>: truncated; <c>mask</c>: masked; <c>block</c>: auth_failed,
    /// blocked, budget_exhausted or credential_expired; <c>allow</c>: query.
    /// </summary>
    public AuditDecision? Decision { get; set; }

    /// <summary>Keep only statements that arrived via <c>control</c>, <c>mcp</c>, <c>rest</c> or <c>wire</c>.</summary>
    public AuditSource? Source { get; set; }

    /// <summary>Earliest timestamp to include (inclusive).</summary>
    public DateTimeOffset? Start { get; set; }

    /// <summary>Exclusive upper bound: only entries before this timestamp are exported.</summary>
    public DateTimeOffset? End { get; set; }

    /// <summary>A copy of these parameters, for changing one without touching the original.</summary>
    /// <returns>The copy.</returns>
    public ExportAuditLogsParams Clone() => (ExportAuditLogsParams)MemberwiseClone();
}
