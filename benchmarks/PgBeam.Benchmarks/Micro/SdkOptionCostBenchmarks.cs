using System;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using PgBeam.Benchmarks.Fixtures;

namespace PgBeam.Benchmarks.Micro;

/// <summary>
/// What two of the SDK's per-call features cost, found by switching them off with public options: the attempt
/// timeout (<see cref="PgBeamClientOptions.Timeout"/> infinite: no timer and linked token per attempt) and the
/// automatic idempotency key (a <c>Guid</c> and a header per POST). The retry budget's timer cannot be switched off.
/// </summary>
[BenchmarkCategory(Cases.SdkOptionCost)]
public class SdkOptionCostBenchmarks : IDisposable
{
    private static readonly byte[] ProjectBody = ApiFixtures.Project();
    private static readonly byte[] SecretsBody = ApiFixtures.AgentCredentialSecrets();

    private PgBeamClient _projects = null!;
    private PgBeamClient _projectsWithoutTimeout = null!;
    private PgBeamClient _credentials = null!;
    private PgBeamClient _credentialsWithoutKey = null!;

    [GlobalSetup]
    public void Setup()
    {
        _projects = Variants.CreateSdk(new CannedResponseHandler(ProjectBody), Variants.InMemoryBaseUrl);
        _projectsWithoutTimeout = Variants.CreateSdk(new CannedResponseHandler(ProjectBody), Variants.InMemoryBaseUrl, o => o.Timeout = Timeout.InfiniteTimeSpan);
        _credentials = Variants.CreateSdk(new CannedResponseHandler(SecretsBody, System.Net.HttpStatusCode.Created), Variants.InMemoryBaseUrl);
        _credentialsWithoutKey = Variants.CreateSdk(new CannedResponseHandler(SecretsBody, System.Net.HttpStatusCode.Created), Variants.InMemoryBaseUrl, o => o.AutomaticIdempotencyKeys = false);
        InMemoryBenchmark.WarmUntilJitIsQuiet(() =>
        {
            GetProject().GetAwaiter().GetResult();
            GetProjectWithoutAttemptTimeout().GetAwaiter().GetResult();
            CreateAgentCredential().GetAwaiter().GetResult();
            CreateAgentCredentialWithoutIdempotencyKey().GetAwaiter().GetResult();
        });
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    [Benchmark(Description = "getProject: SDK")]
    public Task<Project> GetProject() => _projects.Projects.GetProjectAsync(ApiFixtures.ProjectId);

    [Benchmark(Description = "getProject: SDK, no attempt timeout")]
    public Task<Project> GetProjectWithoutAttemptTimeout() => _projectsWithoutTimeout.Projects.GetProjectAsync(ApiFixtures.ProjectId);

    [Benchmark(Description = "createAgentCredential: SDK")]
    public Task<AgentCredentialSecrets> CreateAgentCredential() => _credentials.Agents.CreateAgentCredentialAsync(ApiFixtures.ProjectId, NewRequest());

    [Benchmark(Description = "createAgentCredential: SDK, no idempotency key")]
    public Task<AgentCredentialSecrets> CreateAgentCredentialWithoutIdempotencyKey() => _credentialsWithoutKey.Agents.CreateAgentCredentialAsync(ApiFixtures.ProjectId, NewRequest());

    public void Dispose()
    {
        _projects?.Dispose();
        _projectsWithoutTimeout?.Dispose();
        _credentials?.Dispose();
        _credentialsWithoutKey?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static CreateAgentCredentialRequest NewRequest() => new()
    {
        Name = "claude-analytics",
        PolicyProfileId = ApiFixtures.PolicyProfileId,
        PrincipalType = AgentCredentialPrincipalType.Agent,
    };
}
