using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using PgBeam.Benchmarks.Fixtures;
using PgBeam.Benchmarks.HandWritten;

namespace PgBeam.Benchmarks.Micro;

/// <summary><c>getProject</c>: a GET answered with one ~0.8 KB project.</summary>
[BenchmarkCategory(Cases.GetProject)]
public class GetProjectBenchmarks : InMemoryBenchmark
{
    private static readonly byte[] Body = ApiFixtures.Project();

    [Benchmark(Description = Variants.Sdk)]
    public Task<Project> Sdk() => SdkClient.Projects.GetProjectAsync(ApiFixtures.ProjectId);

    [Benchmark(Description = Variants.Newtonsoft, Baseline = true)]
    public Task<ProjectDto> Newtonsoft() => NewtonsoftClient.GetProjectAsync(ApiFixtures.ProjectId);

    [Benchmark(Description = Variants.SystemTextJson)]
    public Task<ProjectDto> SystemTextJson() => SystemTextJsonClient.GetProjectAsync(ApiFixtures.ProjectId);

    protected override CannedResponseHandler CreateHandler() => new(Body);

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
        Expect(sdk.Id == ApiFixtures.ProjectId && newtonsoft.Id == sdk.Id && stj.Id == sdk.Id, "project ids");
        Expect(sdk.CreatedAt == newtonsoft.CreatedAt && stj.CreatedAt == newtonsoft.CreatedAt, "created_at");
        Expect(sdk.AllowedCidrs?.Count == 2 && newtonsoft.AllowedCidrs?.Count == 2 && stj.AllowedCidrs?.Count == 2, "allowed_cidrs");
    }
}
