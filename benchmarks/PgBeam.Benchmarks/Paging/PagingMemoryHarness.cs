using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using PgBeam.Benchmarks.Fixtures;

namespace PgBeam.Benchmarks.Paging;

/// <summary>
/// Whether auto-paging keeps memory flat in the number of pages: each variant walks 10, 100 and 1,000 pages of 100
/// audit entries, and every twentieth of the walk the live heap is measured after a full collection. A walk that
/// kept what it had read would show a peak growing with the pages; one that holds a page at a time shows the same
/// peak for all three.
/// </summary>
public static class PagingMemoryHarness
{
    public const int PageSize = 100;

    public static async Task<List<PagingMemoryResult>> RunAsync(IReadOnlyList<int> pageCounts)
    {
        var results = new List<PagingMemoryResult>();
        foreach (var pages in pageCounts)
        {
            foreach (var variant in Variants.All)
            {
                var entries = pages * PageSize;
                var handler = new AuditLogPagesHandler(entries);
                var walk = CreateWalk(variant, handler, out var client);
                using (client)
                {
                    // The first walk serializes the pages the handler serves and compiles the code.
                    await walk(_ => { }).ConfigureAwait(false);

                    var baseline = GC.GetTotalMemory(forceFullCollection: true);
                    var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                    var peak = 0L;
                    var sampleEvery = Math.Max(1, entries / 20);
                    var count = await walk(seen =>
                    {
                        if (seen % sampleEvery == 0)
                        {
                            peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                        }
                    }).ConfigureAwait(false);
                    var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                    if (count != entries)
                    {
                        throw new InvalidOperationException($"The {variant} walk yielded {count} entries, not {entries}.");
                    }

                    var result = new PagingMemoryResult(variant, pages, entries, peak, allocated / pages);
                    Console.WriteLine($"paging {pages,5} pages {variant,-24} peak live {peak / 1024.0,8:N0} KB above the start, {result.AllocatedBytesPerPage / 1024.0,8:N1} KB allocated per page");
                    results.Add(result);
                }
            }
        }

        return results;
    }

    /// <summary>A walk over every entry that calls <c>onEntry</c> with the running count and returns the total.</summary>
    private static Func<Action<int>, Task<int>> CreateWalk(string variant, AuditLogPagesHandler handler, out IDisposable client)
    {
        switch (variant)
        {
            case Variants.Sdk:
                var sdk = Variants.CreateSdk(handler, Variants.InMemoryBaseUrl);
                client = sdk;
                return onEntry => CountAsync(sdk.Agents.ListAuditLogsAutoPagingAsync(ApiFixtures.ProjectId, new ListAuditLogsParams { PageSize = PageSize }), onEntry);
            case Variants.Newtonsoft:
                var newtonsoft = Variants.CreateNewtonsoft(handler, Variants.InMemoryBaseUrl);
                client = newtonsoft;
                return onEntry => CountAsync(newtonsoft.ListAllAuditLogsAsync(ApiFixtures.ProjectId, PageSize), onEntry);
            default:
                var stj = Variants.CreateSystemTextJson(handler, Variants.InMemoryBaseUrl);
                client = stj;
                return onEntry => CountAsync(stj.ListAllAuditLogsAsync(ApiFixtures.ProjectId, PageSize), onEntry);
        }
    }

    private static async Task<int> CountAsync<T>(IAsyncEnumerable<T> entries, Action<int> onEntry)
    {
        var count = 0;
        await foreach (var entry in entries.ConfigureAwait(false))
        {
            count++;
            onEntry(count);
        }

        return count;
    }
}
