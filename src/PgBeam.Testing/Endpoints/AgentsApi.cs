using System;
using System.Linq;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// Agent credentials. Secrets (connection string, MCP token) appear only in the create and rotate answers; the
/// sandbox remembers the current ones so <see cref="PgBeamSandbox.IsConnectionStringValid"/> can tell whether a
/// rotation or a revocation took effect.
/// </summary>
internal static class AgentsApi
{
    public static SandboxResult Create(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var body = call.Body();
        var name = body.String("name", required: true, minLength: 1, maxLength: 128)!;
        var policyId = body.String("policy_profile_id", required: true, minLength: 1)!;
        body.OneOf("principal_type", AgentCredentialPrincipalType.KnownValues);
        var expiresAt = body.Timestamp("expires_at", nullable: true);
        if (state.Policies.Find(policyId)?.ProjectId != project.Id)
        {
            throw body.Invalid("policy_profile_id", $"names no policy profile of project '{project.Id}'");
        }

        if (expiresAt is { } expiry && expiry <= call.Now)
        {
            throw body.Invalid("expires_at", "must be in the future");
        }

        if (state.CredentialsOf(project.Id).Any(c => c.Credential.Name == name && c.Credential.Status != AgentCredentialStatus.Revoked))
        {
            throw SandboxProblem.Exists($"Project '{project.Id}' already has an agent credential named '{name}'.");
        }

        var request = body.As<CreateAgentCredentialRequest>();
        var id = state.NewId("agt");
        var credential = new AgentCredential
        {
            Id = id,
            ProjectId = project.Id,
            PolicyProfileId = policyId,
            Name = name,
            PgUsername = "agent_" + state.NewHex(12),
            Status = AgentCredentialStatus.Active,
            PrincipalType = request.PrincipalType ?? AgentCredentialPrincipalType.Agent,
            AuthMethod = AgentCredentialAuthMethod.ScramSha256,
            CreatedAt = call.Now,
            UpdatedAt = call.Now,
        };
        if (expiresAt is not null)
        {
            credential.ExpiresAt = expiresAt;
        }

        var stored = new StoredCredential(credential);
        state.Credentials.Add(id, state.NextSequence(), stored);
        return SandboxResult.Json(HttpStatusCode.Created, IssueSecrets(state, stored));
    }

    public static SandboxResult List(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var (credentials, next) = state.Credentials.Page(c => c.Credential.ProjectId == project.Id, call.Query.PageSize(), call.Query.String("page_token", idPattern: true));
        return SandboxResult.Json(HttpStatusCode.OK, new ListAgentCredentialsResponse
        {
            Agents = credentials.Select(c => c.Credential).ToList(),
            NextPageToken = next,
        });
    }

    public static SandboxResult Get(SandboxCall call)
    {
        var projectId = call.State.RequireProject(call.Path("project_id")).Id;
        return SandboxResult.Json(HttpStatusCode.OK, call.State.RequireCredential(projectId, call.Path("agent_id")).Credential);
    }

    public static SandboxResult UpdateStatus(SandboxCall call)
    {
        var state = call.State;
        var projectId = state.RequireProject(call.Path("project_id")).Id;
        var stored = state.RequireCredential(projectId, call.Path("agent_id"));
        var body = call.Body();
        var status = body.OneOf("status", AgentCredentialStatusUpdate.KnownValues, required: true)!;
        if (stored.Credential.Status == AgentCredentialStatus.Revoked)
        {
            throw body.Invalid("status", $"cannot be changed: agent credential '{stored.Credential.Id}' is revoked for good; issue a new credential");
        }

        stored.Credential.Status = new AgentCredentialStatus(status);
        stored.Credential.UpdatedAt = call.Now;
        return SandboxResult.Json(HttpStatusCode.OK, stored.Credential);
    }

    /// <summary>Revoking is final and idempotent: a second revoke of the same credential is another 204.</summary>
    public static SandboxResult Revoke(SandboxCall call)
    {
        var state = call.State;
        var projectId = state.RequireProject(call.Path("project_id")).Id;
        var stored = state.RequireCredential(projectId, call.Path("agent_id"));
        if (stored.Credential.Status != AgentCredentialStatus.Revoked)
        {
            stored.Credential.Status = AgentCredentialStatus.Revoked;
            stored.Credential.UpdatedAt = call.Now;
        }

        return SandboxResult.NoContent();
    }

    public static SandboxResult Rotate(SandboxCall call)
    {
        var state = call.State;
        var projectId = state.RequireProject(call.Path("project_id")).Id;
        var stored = state.RequireCredential(projectId, call.Path("agent_id"));
        if (stored.Credential.Status == AgentCredentialStatus.Revoked)
        {
            throw SandboxProblem.InvalidState($"Agent credential '{stored.Credential.Id}' is revoked; a revoked credential cannot be rotated.");
        }

        stored.Credential.UpdatedAt = call.Now;
        return SandboxResult.Json(HttpStatusCode.OK, IssueSecrets(state, stored));
    }

    /// <summary>New password and MCP token; whatever was issued before stops being valid.</summary>
    private static AgentCredentialSecrets IssueSecrets(SandboxState state, StoredCredential stored)
    {
        var credential = stored.Credential;
        var host = SandboxState.ProxyHostOf(credential.ProjectId);
        var databaseName = state.Databases.Live.FirstOrDefault(d => d.ProjectId == credential.ProjectId)?.Name ?? "postgres";
        stored.ConnectionString = $"postgresql://{credential.PgUsername}:{state.NewSecret(32)}@{host}:5432/{Uri.EscapeDataString(databaseName)}?sslmode=require";
        stored.McpUrl = $"https://{host}/mcp";
        stored.McpToken = "pba_" + state.NewSecret(32);

        var secrets = new AgentCredentialSecrets
        {
            Credential = credential,
            ConnectionString = stored.ConnectionString,
            McpUrl = stored.McpUrl,
            McpToken = stored.McpToken,
        };
        state.IssuedSecrets.Add(SandboxCopy.Of(secrets));
        return secrets;
    }
}
