using System.Collections.Generic;
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

    /// <summary>The warm-up walks only this far: enough pages to reach every code path.</summary>
    private const int WarmUpEntries = 2_000;

    [Benchmark(Description = Variants.Sdk)]
    public Task<int> Sdk() => CountAsync(SdkEntries(), int.MaxValue);

    [Benchmark(Description = Variants.Newtonsoft, Baseline = true)]
    public Task<int> Newtonsoft() => CountAsync(NewtonsoftClient.ListAllAuditLogsAsync(ApiFixtures.ProjectId, PageSize), int.MaxValue);

    [Benchmark(Description = Variants.SystemTextJson)]
    public Task<int> SystemTextJson() => CountAsync(SystemTextJsonClient.ListAllAuditLogsAsync(ApiFixtures.ProjectId, PageSize), int.MaxValue);

    protected override CannedResponseHandler CreateHandler() => new AuditLogPagesHandler(TotalEntries);

    public override Task CallVariant(string variant) => variant switch
    {
        Variants.Sdk => Sdk(),
        Variants.Newtonsoft => Newtonsoft(),
        _ => SystemTextJson(),
    };

    protected override void CallEachVariant()
    {
        CountAsync(SdkEntries(), WarmUpEntries).GetAwaiter().GetResult();
        CountAsync(NewtonsoftClient.ListAllAuditLogsAsync(ApiFixtures.ProjectId, PageSize), WarmUpEntries).GetAwaiter().GetResult();
        CountAsync(SystemTextJsonClient.ListAllAuditLogsAsync(ApiFixtures.ProjectId, PageSize), WarmUpEntries).GetAwaiter().GetResult();
    }

    protected override void Verify()
    {
        // The first walk of each variant also serializes every page it will be served.
        Expect(Completed(Sdk(), "Sdk") == TotalEntries, "the SDK walk yields every entry once");
        Expect(Completed(Newtonsoft(), "Newtonsoft") == TotalEntries, "the Newtonsoft walk yields every entry once");
        Expect(Completed(SystemTextJson(), "SystemTextJson") == TotalEntries, "the STJ walk yields every entry once");
    }

    private PgBeamAsyncPageable<AuditLogEntry> SdkEntries() =>
        SdkClient.Agents.ListAuditLogsAutoPagingAsync(ApiFixtures.ProjectId, new ListAuditLogsParams { PageSize = PageSize });

    /// <summary>Reads entries until the listing ends (the measured walks) or <paramref name="stopAfter"/> have arrived (the warm-up).</summary>
    private static async Task<int> CountAsync<T>(IAsyncEnumerable<T> entries, int stopAfter)
        where T : class
    {
        var count = 0;
        await foreach (var entry in entries.ConfigureAwait(false))
        {
            count += entry is null ? 0 : 1;
            if (count == stopAfter)
            {
                break;
            }
        }

        return count;
    }
}
