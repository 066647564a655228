using System;
using System.Collections.Generic;
using PgBeam.Testing.Routing;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// The agent gateway's own resources and reports: anomaly alerts and rules, approval rules, honeytokens, policy evaluation and recommendations, audit exports and summaries, scans, usage, insights and metrics.
/// </summary>
internal static class GatewayEndpoints
{
    /// <summary>The operations of this group, by operation id.</summary>
    public static readonly IReadOnlyDictionary<string, Func<SandboxCall, SandboxResult>> Routes = new Dictionary<string, Func<SandboxCall, SandboxResult>>(StringComparer.Ordinal)
    {
    };
}
