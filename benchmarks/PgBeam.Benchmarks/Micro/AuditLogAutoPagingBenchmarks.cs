using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using PgBeam.Benchmarks.Fixtures;

namespace PgBeam.Benchmarks.Micro;

/// <summary>
/// Auto-paging 100,000 audit entries in pages of 100: the SDK's <c>ListAuditLogsAutoPagingAsync</c> against the
/// loop a user writes (next page strictly before the last entry seen). One operation is the whole walk.
/// </summary>
[BenchmarkCategory(Cases.AutoPaging)]
public class AuditLogAutoPagingBenchmarks : InMemoryBenchmark
{
    public const int TotalEntries = 100_000;
    public const int PageSize = 100;

    [Benchmark(Description = Variants.Sdk)]
    public async Task<int> Sdk()
    {
        var count = 0;
        await foreach (var entry in SdkClient.Agents.ListAuditLogsAutoPagingAsync(ApiFixtures.ProjectId, new ListAuditLogsParams { PageSize = PageSize }).ConfigureAwait(false))
        {
            count += entry.Id.Length > 0 ? 1 : 0;
        }

        return count;
    }

    [Benchmark(Description = Variants.Newtonsoft, Baseline = true)]
    public async Task<int> Newtonsoft()
    {
        var count = 0;
        await foreach (var entry in NewtonsoftClient.ListAllAuditLogsAsync(ApiFixtures.ProjectId, PageSize).ConfigureAwait(false))
        {
            count += entry.Id.Length > 0 ? 1 : 0;
        }

        return count;
    }

    [Benchmark(Description = Variants.SystemTextJson)]
    public async Task<int> SystemTextJson()
    {
        var count = 0;
        await foreach (var entry in SystemTextJsonClient.ListAllAuditLogsAsync(ApiFixtures.ProjectId, PageSize).ConfigureAwait(false))
        {
            count += entry.Id.Length > 0 ? 1 : 0;
        }

        return count;
    }

    protected override CannedResponseHandler CreateHandler() => new AuditLogPagesHandler(TotalEntries);

    protected override void Verify()
    {
        // The first walk of each variant also serializes every page it will be served.
        Expect(Sdk().GetAwaiter().GetResult() == TotalEntries, "the SDK walk yields every entry once");
        Expect(Newtonsoft().GetAwaiter().GetResult() == TotalEntries, "the Newtonsoft walk yields every entry once");
        Expect(SystemTextJson().GetAwaiter().GetResult() == TotalEntries, "the STJ walk yields every entry once");
    }
}
