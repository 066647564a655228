using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using PgBeam.Benchmarks.Fixtures;
using PgBeam.Benchmarks.HandWritten;

namespace PgBeam.Benchmarks.Micro;

/// <summary><c>listAuditLogs</c>: one page of 1,000 entries (~0.8 MB of JSON).</summary>
[BenchmarkCategory(Cases.ListAuditLogs)]
public class ListAuditLogsBenchmarks : InMemoryBenchmark
{
    public const int Entries = 1_000;

    private static readonly byte[] Body = ApiFixtures.AuditLogPage(0, Entries);

    [Benchmark(Description = Variants.Sdk)]
    public Task<ListAuditLogsResponse> Sdk() => SdkClient.Agents.ListAuditLogsAsync(ApiFixtures.ProjectId);

    [Benchmark(Description = Variants.Newtonsoft, Baseline = true)]
    public Task<AuditLogPageDto> Newtonsoft() => NewtonsoftClient.ListAuditLogsAsync(ApiFixtures.ProjectId, before: null, pageSize: null);

    [Benchmark(Description = Variants.SystemTextJson)]
    public Task<AuditLogPageDto> SystemTextJson() => SystemTextJsonClient.ListAuditLogsAsync(ApiFixtures.ProjectId, before: null, pageSize: null);

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
        Expect(sdk.Entries.Count == Entries && newtonsoft.Entries.Count == Entries && stj.Entries.Count == Entries, "entry counts");
        Expect(sdk.Entries[^1].Ts == newtonsoft.Entries[^1].Ts && stj.Entries[^1].Ts == newtonsoft.Entries[^1].Ts, "timestamps");
    }
}
