using System.Collections.Generic;

namespace PgBeam.ContractTests.Calls;

/// <summary>The calls of <c>client.Agents</c>: credentials and audit logs.</summary>
internal static class AgentsCalls
{
    public static IEnumerable<OperationCall> All() =>
    [
        OperationCall.Returning("createAgentCredential", CallVariant.RequiredOnly, (c, ct) =>
            c.Agents.CreateAgentCredentialAsync(SampleIds.Project, new CreateAgentCredentialRequest { Name = "reporting-agent", PolicyProfileId = SampleIds.Policy }, cancellationToken: ct)),
        OperationCall.Returning("createAgentCredential", CallVariant.AllFields, (c, ct) =>
            c.Agents.CreateAgentCredentialAsync(SampleIds.Project, new CreateAgentCredentialRequest
            {
                Name = "reporting-agent",
                PolicyProfileId = SampleIds.Policy,
                PrincipalType = AgentCredentialPrincipalType.Agent,
                ExpiresAt = SampleIds.Expiry,
            }, cancellationToken: ct)),
        OperationCall.Returning("createAgentCredential", CallVariant.ExplicitNulls, (c, ct) =>
            c.Agents.CreateAgentCredentialAsync(SampleIds.Project, new CreateAgentCredentialRequest { Name = "reporting-agent", PolicyProfileId = SampleIds.Policy, ExpiresAt = null }, cancellationToken: ct)),

        OperationCall.Returning("listAgentCredentials", CallVariant.RequiredOnly, (c, ct) =>
            c.Agents.ListAgentCredentialsAsync(SampleIds.Project, cancellationToken: ct)),
        OperationCall.Returning("listAgentCredentials", CallVariant.AllFields, (c, ct) =>
            c.Agents.ListAgentCredentialsAsync(SampleIds.Project, new ListAgentCredentialsParams { PageSize = 50, PageToken = SampleIds.PageToken }, cancellationToken: ct)),

        .. OperationCall.Returning("getAgentCredential", (c, ct) => c.Agents.GetAgentCredentialAsync(SampleIds.Project, SampleIds.Agent, cancellationToken: ct)),

        OperationCall.Returning("updateAgentCredentialStatus", CallVariant.RequiredOnly, (c, ct) =>
            c.Agents.UpdateAgentCredentialStatusAsync(SampleIds.Project, SampleIds.Agent, new UpdateAgentCredentialStatusRequest { Status = AgentCredentialStatusUpdate.Disabled }, cancellationToken: ct)),
        OperationCall.Returning("updateAgentCredentialStatus", CallVariant.AllFields, (c, ct) =>
            c.Agents.UpdateAgentCredentialStatusAsync(SampleIds.Project, SampleIds.Agent, new UpdateAgentCredentialStatusRequest { Status = AgentCredentialStatusUpdate.Active }, cancellationToken: ct)),

        .. OperationCall.WithoutBody("revokeAgentCredential", (c, ct) => c.Agents.RevokeAgentCredentialAsync(SampleIds.Project, SampleIds.Agent, cancellationToken: ct)),
        .. OperationCall.Returning("rotateAgentCredential", (c, ct) => c.Agents.RotateAgentCredentialAsync(SampleIds.Project, SampleIds.Agent, cancellationToken: ct)),

        OperationCall.Returning("listAuditLogs", CallVariant.RequiredOnly, (c, ct) =>
            c.Agents.ListAuditLogsAsync(SampleIds.Project, cancellationToken: ct)),
        OperationCall.Returning("listAuditLogs", CallVariant.AllFields, (c, ct) =>
            c.Agents.ListAuditLogsAsync(SampleIds.Project, new ListAuditLogsParams
            {
                CredentialId = SampleIds.Agent,
                Event = "query_blocked",
                Decision = AuditDecision.Block,
                Source = AuditSource.Mcp,
                Start = SampleIds.WindowStart,
                End = SampleIds.WindowEnd,
                Before = SampleIds.WindowEnd,
                PageSize = 100,
            }, cancellationToken: ct)),

        OperationCall.Returning("verifyAuditChain", CallVariant.RequiredOnly, (c, ct) =>
            c.Agents.VerifyAuditChainAsync(SampleIds.Project, cancellationToken: ct)),
        OperationCall.Returning("verifyAuditChain", CallVariant.AllFields, (c, ct) =>
            c.Agents.VerifyAuditChainAsync(SampleIds.Project, new VerifyAuditChainParams { Start = SampleIds.WindowStart, End = SampleIds.WindowEnd }, cancellationToken: ct)),

        // exportAuditLogs is hand-written (client.Agents.ExportAuditLogsAsync): see AuditExportCalls.
    ];
}
