using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PgBeam.Benchmarks.Fixtures;
using PgBeam.Benchmarks.Micro;

namespace PgBeam.Benchmarks.Profiling;

/// <summary>
/// Samples where the bytes of the SDK and of hand-written Newtonsoft go, per micro case, with
/// <see cref="AllocationTickListener"/>: enough calls for thousands of samples each.
/// </summary>
public static class AllocationProfiler
{
    public static List<AllocationProfile> Run(double scale)
    {
        var profiles = new List<AllocationProfile>();
        using var listener = new AllocationTickListener();
        Profile(listener, profiles, new GetProjectBenchmarks(), Cases.GetProject, (int)(30_000 * scale), b => b.Sdk(), b => b.Newtonsoft());
        Profile(listener, profiles, new CreateAgentCredentialBenchmarks(), Cases.CreateAgentCredential, (int)(25_000 * scale), b => b.Sdk(), b => b.Newtonsoft());
        Profile(listener, profiles, new ListAuditLogsBenchmarks(), Cases.ListAuditLogs, (int)(150 * scale), b => b.Sdk(), b => b.Newtonsoft());
        return profiles;
    }

    private static void Profile<TBenchmark>(
        AllocationTickListener listener,
        List<AllocationProfile> profiles,
        TBenchmark benchmark,
        string name,
        int calls,
        Func<TBenchmark, Task> sdk,
        Func<TBenchmark, Task> newtonsoft)
        where TBenchmark : InMemoryBenchmark
    {
        using (benchmark)
        {
            benchmark.Setup();
            profiles.Add(Sample(listener, name, Variants.Sdk, calls, () => sdk(benchmark)));
            profiles.Add(Sample(listener, name, Variants.Newtonsoft, calls, () => newtonsoft(benchmark)));
        }
    }

    private static AllocationProfile Sample(AllocationTickListener listener, string name, string variant, int calls, Func<Task> call)
    {
        Settle(listener);
        listener.BytesByType.Clear();
        var eventsBefore = listener.Events;
        listener.Recording = true;
        for (var i = 0; i < calls; i++)
        {
            call().GetAwaiter().GetResult();
        }

        Settle(listener);
        listener.Recording = false;
        var perCall = listener.BytesByType
            .Select(pair => new KeyValuePair<string, double>(pair.Key, (double)pair.Value / calls))
            .OrderByDescending(pair => pair.Value)
            .ToList();
        Console.WriteLine($"allocation profile {name} {variant}: {listener.Events - eventsBefore} samples over {calls} calls");
        return new AllocationProfile(name, variant, calls, listener.Events - eventsBefore, perCall);
    }

    /// <summary>Events arrive on the listener's own thread, a little late: waits until they stop coming.</summary>
    private static void Settle(AllocationTickListener listener)
    {
        var waited = Stopwatch.StartNew();
        var seen = -1L;
        while (listener.Events != seen && waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            seen = listener.Events;
            Thread.Sleep(200);
        }
    }
}
