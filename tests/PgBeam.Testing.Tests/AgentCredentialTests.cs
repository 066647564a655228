using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class AgentCredentialTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public async Task Create_returns_the_secrets_once_and_get_and_list_never_return_them()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);

        var secrets = await Client.Agents.CreateAgentCredentialAsync(project.Id, new CreateAgentCredentialRequest
        {
            Name = "claude-analytics",
            PolicyProfileId = policy.Id,
            PrincipalType = AgentCredentialPrincipalType.Agent,
        });

        var credential = secrets.Credential;
        Assert.That(credential.Id, Does.StartWith("agt_"));
        Assert.That(credential.Status, Is.EqualTo(AgentCredentialStatus.Active));
        Assert.That(credential.PolicyProfileId, Is.EqualTo(policy.Id));
        Assert.That(credential.PrincipalType, Is.EqualTo(AgentCredentialPrincipalType.Agent));
        Assert.That(credential.PgUsername, Does.Match("^agent_[0-9a-f]{12}$"));
        Assert.That(secrets.ConnectionString, Does.StartWith($"postgresql://{credential.PgUsername}:").And.Contains("/shop"));
        Assert.That(secrets.McpUrl, Is.EqualTo($"https://{project.ProxyHost}/mcp"));
        Assert.That(secrets.McpToken, Does.StartWith("pba_"));

        // Anything the server sent beyond the contract's fields would land in AdditionalProperties.
        var read = await Client.Agents.GetAgentCredentialAsync(project.Id, credential.Id);
        var listed = (await Client.Agents.ListAgentCredentialsAsync(project.Id)).Agents.Single();
        foreach (var metadata in new[] { read, listed })
        {
            Assert.That(metadata.Id, Is.EqualTo(credential.Id));
            Assert.That(metadata.AdditionalProperties, Is.Empty);
            Assert.That(metadata.ToString(), Does.Not.Contain(secrets.McpToken).And.Not.Contain(secrets.ConnectionString));
        }
    }

    [Test]
    public async Task A_new_credential_connection_string_and_mcp_token_are_valid_and_recorded_as_issued()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);

        var secrets = await CreateCredentialAsync(project.Id, policy.Id);

        Assert.That(Sandbox.IsConnectionStringValid(secrets.ConnectionString), Is.True);
        Assert.That(Sandbox.IsMcpTokenValid(secrets.McpToken), Is.True);
        Assert.That(Sandbox.IsConnectionStringValid(secrets.ConnectionString + "x"), Is.False);
        var issued = Sandbox.IssuedSecrets.Single();
        Assert.That(issued.ConnectionString, Is.EqualTo(secrets.ConnectionString));
        Assert.That(issued.McpToken, Is.EqualTo(secrets.McpToken));
        Assert.That(issued.Credential.Id, Is.EqualTo(secrets.Credential.Id));
    }

    [Test]
    public async Task Rotate_returns_new_secrets_and_the_old_connection_string_stops_working()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var first = await CreateCredentialAsync(project.Id, policy.Id);
        Clock.Advance(TimeSpan.FromMinutes(5));

        var rotated = await Client.Agents.RotateAgentCredentialAsync(project.Id, first.Credential.Id);

        Assert.That(rotated.Credential.Id, Is.EqualTo(first.Credential.Id));
        Assert.That(rotated.Credential.PgUsername, Is.EqualTo(first.Credential.PgUsername));
        Assert.That(rotated.Credential.UpdatedAt, Is.EqualTo(Start.AddMinutes(5)));
        Assert.That(rotated.ConnectionString, Is.Not.EqualTo(first.ConnectionString));
        Assert.That(rotated.McpToken, Is.Not.EqualTo(first.McpToken));
        Assert.That(Sandbox.IsConnectionStringValid(first.ConnectionString), Is.False, "the old connection string still works");
        Assert.That(Sandbox.IsMcpTokenValid(first.McpToken), Is.False, "the old MCP token still works");
        Assert.That(Sandbox.IsConnectionStringValid(rotated.ConnectionString), Is.True);
        Assert.That(Sandbox.IsMcpTokenValid(rotated.McpToken), Is.True);
        Assert.That(Sandbox.IssuedSecrets.Select(s => s.ConnectionString), Is.EqualTo(new[] { first.ConnectionString, rotated.ConnectionString }));
    }

    [Test]
    public async Task Revoke_invalidates_the_secrets_and_leaves_the_credential_readable_as_revoked()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var secrets = await CreateCredentialAsync(project.Id, policy.Id);

        await Client.Agents.RevokeAgentCredentialAsync(project.Id, secrets.Credential.Id);
        await Client.Agents.RevokeAgentCredentialAsync(project.Id, secrets.Credential.Id);

        Assert.That(Sandbox.IsConnectionStringValid(secrets.ConnectionString), Is.False);
        Assert.That(Sandbox.IsMcpTokenValid(secrets.McpToken), Is.False);
        var read = await Client.Agents.GetAgentCredentialAsync(project.Id, secrets.Credential.Id);
        Assert.That(read.Status, Is.EqualTo(AgentCredentialStatus.Revoked));
        Assert.That(Sandbox.Requests.Where(r => r.OperationId == "revokeAgentCredential").Select(r => r.StatusCode), Is.EqualTo(new HttpStatusCode?[] { HttpStatusCode.NoContent, HttpStatusCode.NoContent }));
    }

    [Test]
    public async Task Rotating_a_revoked_credential_is_a_conflict()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var secrets = await CreateCredentialAsync(project.Id, policy.Id);
        await Client.Agents.RevokeAgentCredentialAsync(project.Id, secrets.Credential.Id);

        var error = Assert.ThrowsAsync<PgBeamConflictException>(() => Client.Agents.RotateAgentCredentialAsync(project.Id, secrets.Credential.Id));

        Assert.That(error!.ErrorCode, Is.EqualTo("INVALID_STATE"));
        Assert.That(error.ServerMessage, Does.Contain(secrets.Credential.Id).And.Contain("revoked"));
        Assert.That(Sandbox.IssuedSecrets, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Disabling_a_credential_suspends_its_secrets_until_it_is_enabled_again()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var secrets = await CreateCredentialAsync(project.Id, policy.Id);

        var disabled = await Client.Agents.UpdateAgentCredentialStatusAsync(project.Id, secrets.Credential.Id, new UpdateAgentCredentialStatusRequest { Status = AgentCredentialStatusUpdate.Disabled });
        var validWhileDisabled = Sandbox.IsConnectionStringValid(secrets.ConnectionString);
        var enabled = await Client.Agents.UpdateAgentCredentialStatusAsync(project.Id, secrets.Credential.Id, new UpdateAgentCredentialStatusRequest { Status = AgentCredentialStatusUpdate.Active });

        Assert.That(disabled.Status, Is.EqualTo(AgentCredentialStatus.Disabled));
        Assert.That(validWhileDisabled, Is.False);
        Assert.That(enabled.Status, Is.EqualTo(AgentCredentialStatus.Active));
        Assert.That(Sandbox.IsConnectionStringValid(secrets.ConnectionString), Is.True);
    }

    [Test]
    public async Task A_revoked_credential_cannot_be_enabled_again()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var secrets = await CreateCredentialAsync(project.Id, policy.Id);
        await Client.Agents.RevokeAgentCredentialAsync(project.Id, secrets.Credential.Id);

        var error = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Agents.UpdateAgentCredentialStatusAsync(project.Id, secrets.Credential.Id, new UpdateAgentCredentialStatusRequest { Status = AgentCredentialStatusUpdate.Active }));

        Assert.That(error!.ServerMessage, Does.Contain("status").And.Contain("revoked"));
        Assert.That(Sandbox.IsConnectionStringValid(secrets.ConnectionString), Is.False);
    }

    [Test]
    public async Task The_project_kill_switch_invalidates_every_agent_credential_of_the_project()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var secrets = await CreateCredentialAsync(project.Id, policy.Id);

        await Client.Projects.UpdateProjectAsync(project.Id, new UpdateProjectRequest { AgentsDisabled = true });
        var validWhileOff = Sandbox.IsConnectionStringValid(secrets.ConnectionString);
        await Client.Projects.UpdateProjectAsync(project.Id, new UpdateProjectRequest { AgentsDisabled = false });

        Assert.That(validWhileOff, Is.False);
        Assert.That(Sandbox.IsConnectionStringValid(secrets.ConnectionString), Is.True);
    }

    [Test]
    public async Task A_credential_stops_working_when_the_sandbox_clock_passes_its_expiry()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var secrets = await Client.Agents.CreateAgentCredentialAsync(project.Id, new CreateAgentCredentialRequest
        {
            Name = "temporary",
            PolicyProfileId = policy.Id,
            ExpiresAt = Start.AddHours(1),
        });

        var validBefore = Sandbox.IsConnectionStringValid(secrets.ConnectionString);
        Clock.Advance(TimeSpan.FromHours(1));

        Assert.That(secrets.Credential.ExpiresAt, Is.EqualTo(Start.AddHours(1)));
        Assert.That(validBefore, Is.True);
        Assert.That(Sandbox.IsConnectionStringValid(secrets.ConnectionString), Is.False);
    }

    [Test]
    public async Task An_expiry_in_the_past_is_rejected_naming_the_field()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);

        var error = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Agents.CreateAgentCredentialAsync(project.Id, new CreateAgentCredentialRequest
        {
            Name = "late",
            PolicyProfileId = policy.Id,
            ExpiresAt = Start.AddMinutes(-1),
        }));

        Assert.That(error!.ServerMessage, Does.Contain("expires_at"));
    }

    [Test]
    public async Task A_policy_profile_id_that_does_not_exist_is_rejected_naming_the_field()
    {
        var project = await CreateProjectAsync();

        var error = Assert.ThrowsAsync<PgBeamValidationException>(() => CreateCredentialAsync(project.Id, "pol_missing"));

        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.ErrorCode, Is.EqualTo("INVALID_INPUT"));
        Assert.That(error.ServerMessage, Does.Contain("policy_profile_id"));
    }

    [Test]
    public async Task A_second_live_credential_with_the_same_name_is_a_conflict()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        await CreateCredentialAsync(project.Id, policy.Id, "analyst");

        Assert.ThrowsAsync<PgBeamConflictException>(() => CreateCredentialAsync(project.Id, policy.Id, "analyst"));
    }

    [Test]
    public async Task List_pages_through_every_credential_including_revoked_ones()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var created = new System.Collections.Generic.List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await CreateCredentialAsync(project.Id, policy.Id, $"agent-{i}")).Credential.Id);
        }

        await Client.Agents.RevokeAgentCredentialAsync(project.Id, created[1]);

        var seen = new System.Collections.Generic.List<AgentCredential>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Client.Agents.ListAgentCredentialsAsync(project.Id, new ListAgentCredentialsParams { PageSize = 2, PageToken = token });
            seen.AddRange(page.Agents);
            token = page.NextPageToken;
            pages++;
        }
        while (!string.IsNullOrEmpty(token));

        Assert.That(pages, Is.EqualTo(3));
        Assert.That(seen.Select(c => c.Id), Is.EqualTo(created));
        Assert.That(seen.Single(c => c.Id == created[1]).Status, Is.EqualTo(AgentCredentialStatus.Revoked));
    }

    [Test]
    public async Task An_unknown_credential_is_404_with_the_error_envelope()
    {
        var project = await CreateProjectAsync();

        var error = Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Agents.GetAgentCredentialAsync(project.Id, "agt_missing"));

        Assert.That(error!.ErrorCode, Is.EqualTo("NOT_FOUND"));
        Assert.That(error.ServerMessage, Does.Contain("agt_missing"));
        Assert.That(error.RequestId, Is.EqualTo(Sandbox.Requests[^1].RequestId));
    }
}
