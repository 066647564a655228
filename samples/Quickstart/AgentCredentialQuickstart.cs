using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using PgBeam;

namespace Quickstart;

/// <summary>
/// The quickstart itself: a read-only policy profile capped at 1000 rows, an agent credential enforced against
/// it, and the three values the agent needs. It takes the client and the output from its caller, so the same code
/// runs against the real API, the sandbox, or a test.
/// </summary>
public static class AgentCredentialQuickstart
{
    /// <summary>Creates the profile and the credential in <paramref name="projectId"/> and prints the credential's secrets.</summary>
    /// <returns>The secrets, as the API returned them (once).</returns>
    public static async Task<AgentCredentialSecrets> RunAsync(PgBeamClient client, string projectId, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(projectId);
        ArgumentNullException.ThrowIfNull(output);

        // 1. A read-only policy profile capped at 1000 rows per query.
        var profile = await client.Policies.CreatePolicyProfileAsync(projectId, new PolicyProfileInput
        {
            Name = "analytics-readonly",
            AccessMode = PolicyProfileAccessMode.ReadOnly,
            MaxRows = 1000,
        }, cancellationToken: cancellationToken);

        // 2. An agent credential enforced against that profile.
        var secrets = await client.Agents.CreateAgentCredentialAsync(projectId, new CreateAgentCredentialRequest
        {
            Name = "claude-analytics",
            PolicyProfileId = profile.Id,
            PrincipalType = AgentCredentialPrincipalType.Agent,
        }, cancellationToken: cancellationToken);

        // Shown once: PgBeam never returns these again, so hand them to the agent now.
        await output.WriteLineAsync($"Connection string: {secrets.ConnectionString}");
        await output.WriteLineAsync($"MCP URL:           {secrets.McpUrl}");
        await output.WriteLineAsync($"MCP token:         {secrets.McpToken}");
        return secrets;
    }
}
