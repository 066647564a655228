using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using PgBeam;

namespace Quickstart;

/// <summary>
/// The quickstart itself: a read-only policy profile that returns at most 1000 rows a query, a credential for
/// the agent bound to it, and the three values the agent needs. It takes the client and the output from its caller, so the same code
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

        // 1. A policy profile that only reads, and returns at most 1000 rows from any query.
        var profile = await client.Policies.CreatePolicyProfileAsync(projectId, new PolicyProfileInput
        {
            Name = "analytics-readonly",
            AccessMode = PolicyProfileAccessMode.ReadOnly,
            MaxRows = 1000,
        }, cancellationToken: cancellationToken);

        // 2. A credential for the agent, bound to that profile.
        var secrets = await client.Agents.CreateAgentCredentialAsync(projectId, new CreateAgentCredentialRequest
        {
            Name = "claude-analytics",
            PolicyProfileId = profile.Id,
            PrincipalType = AgentCredentialPrincipalType.Agent,
        }, cancellationToken: cancellationToken);

        // These come back in this response only: give them to the agent now.
        await output.WriteLineAsync($"Connection string: {secrets.ConnectionString}");
        await output.WriteLineAsync($"MCP URL:           {secrets.McpUrl}");
        await output.WriteLineAsync($"MCP token:         {secrets.McpToken}");
        return secrets;
    }
}
