namespace PgBeam.Benchmarks.HandWritten;

/// <summary>A user's own model of the create-credential response.</summary>
public sealed class AgentCredentialSecretsDto
{
    public AgentCredentialDto Credential { get; set; } = new();
    public string ConnectionString { get; set; } = "";
    public string McpUrl { get; set; } = "";
    public string McpToken { get; set; } = "";
}
