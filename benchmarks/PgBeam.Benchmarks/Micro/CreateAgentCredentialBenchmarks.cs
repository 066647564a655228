using System.Net;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using PgBeam.Benchmarks.Fixtures;
using PgBeam.Benchmarks.HandWritten;

namespace PgBeam.Benchmarks.Micro;

/// <summary><c>createAgentCredential</c>: a POST with a small JSON body, answered 201 with the credential and its secrets.</summary>
[BenchmarkCategory(Cases.CreateAgentCredential)]
public class CreateAgentCredentialBenchmarks : InMemoryBenchmark
{
    private static readonly byte[] Body = ApiFixtures.AgentCredentialSecrets();

    [Benchmark(Description = Variants.Sdk)]
    public Task<AgentCredentialSecrets> Sdk() => SdkClient.Agents.CreateAgentCredentialAsync(ApiFixtures.ProjectId, new CreateAgentCredentialRequest
    {
        Name = "claude-analytics",
        PolicyProfileId = ApiFixtures.PolicyProfileId,
        PrincipalType = AgentCredentialPrincipalType.Agent,
    });

    [Benchmark(Description = Variants.Newtonsoft, Baseline = true)]
    public Task<AgentCredentialSecretsDto> Newtonsoft() => NewtonsoftClient.CreateAgentCredentialAsync(ApiFixtures.ProjectId, NewBody());

    [Benchmark(Description = Variants.SystemTextJson)]
    public Task<AgentCredentialSecretsDto> SystemTextJson() => SystemTextJsonClient.CreateAgentCredentialAsync(ApiFixtures.ProjectId, NewBody());

    protected override CannedResponseHandler CreateHandler() => new(Body, HttpStatusCode.Created);

    public override Task CallVariant(string variant) => variant switch
    {
        Variants.Sdk => Sdk(),
        Variants.Newtonsoft => Newtonsoft(),
        _ => SystemTextJson(),
    };

    protected override void Verify()
    {
        var sdk = Completed(Sdk(), "Sdk");
        var newtonsoft = Completed(Newtonsoft(), "Newtonsoft");
        var stj = Completed(SystemTextJson(), "SystemTextJson");
        Expect(sdk.ConnectionString == newtonsoft.ConnectionString && stj.ConnectionString == newtonsoft.ConnectionString, "connection strings");
        Expect(sdk.Credential.Id == newtonsoft.Credential.Id && stj.Credential.Id == newtonsoft.Credential.Id, "credential ids");
    }

    private static CreateAgentCredentialBody NewBody() => new()
    {
        Name = "claude-analytics",
        PolicyProfileId = ApiFixtures.PolicyProfileId,
        PrincipalType = "agent",
    };
}
