namespace PgBeam.Testing.State;

/// <summary>An agent credential and the secrets it currently answers to; the API shows the secrets only when issued.</summary>
internal sealed class StoredCredential(AgentCredential credential)
{
    public AgentCredential Credential { get; } = credential;

    public string ConnectionString { get; set; } = string.Empty;

    public string McpUrl { get; set; } = string.Empty;

    public string McpToken { get; set; } = string.Empty;
}
