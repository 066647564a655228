using System;
using System.Collections.Generic;
using System.Linq;
using PgBeam.Benchmarks.Fixtures;
using PgBeam.Benchmarks.Running;

namespace PgBeam.Benchmarks.Micro;

/// <summary>
/// The time ratios the targets are judged on. BenchmarkDotNet measures one variant after the other, so a change in
/// the machine's load between them (minutes apart on a busy machine) moves their ratio; here each round measures a
/// batch of every variant back to back, in a rotating order, on the thread CPU clock, and a variant's ratio is the
/// median of its per-round ratios to Newtonsoft.
/// </summary>
public static class InterleavedRatios
{
    public static List<InterleavedResult> Run(SuiteMode mode)
    {
        var (rounds, batch, pagingRounds) = mode switch
        {
            SuiteMode.Smoke => (1, TimeSpan.FromMilliseconds(1), 1),
            SuiteMode.Quick => (15, TimeSpan.FromMilliseconds(15), 3),
            _ => (41, TimeSpan.FromMilliseconds(30), 7),
        };

        var results = new List<InterleavedResult>();
        results.AddRange(Measure(new GetProjectBenchmarks(), Cases.GetProject, rounds, batch));
        results.AddRange(Measure(new CreateAgentCredentialBenchmarks(), Cases.CreateAgentCredential, rounds, batch));
        results.AddRange(Measure(new ListAuditLogsBenchmarks(), Cases.ListAuditLogs, rounds, batch));
        results.AddRange(Measure(new AuditLogAutoPagingBenchmarks(), Cases.AutoPaging, pagingRounds, TimeSpan.Zero));
        return results;
    }

    private static List<InterleavedResult> Measure(InMemoryBenchmark benchmark, string name, int rounds, TimeSpan batch)
    {
        using (benchmark)
        {
            benchmark.Setup();

            // Calls per batch: enough to fill the batch time at the slowest variant's pace, at least one.
            var calls = Variants.All.ToDictionary(v => v, v => Math.Max(1, (int)(batch.Ticks * 100 / Math.Max(1, TimeOne(benchmark, v)))), StringComparer.Ordinal);
            var perCall = Math.Min(calls.Values.Min(), 100_000);
            var times = Variants.All.ToDictionary(v => v, _ => new List<double>(), StringComparer.Ordinal);
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < Variants.All.Length; i++)
                {
                    var variant = Variants.All[(i + round) % Variants.All.Length];
                    var started = CpuTime.ThreadNanoseconds();
                    for (var call = 0; call < perCall; call++)
                    {
                        benchmark.CallVariant(variant).GetAwaiter().GetResult();
                    }

                    times[variant].Add((double)(CpuTime.ThreadNanoseconds() - started) / perCall);
                }
            }

            var baseline = times[Variants.Newtonsoft];
            var results = Variants.All.Select(v => new InterleavedResult(
                name,
                v,
                rounds,
                Median(times[v]),
                Median([.. times[v].Select((t, round) => t / baseline[round])]))).ToList();
            foreach (var result in results)
            {
                Console.WriteLine($"interleaved {name,-36} {result.Variant,-24} {result.MedianNanoseconds,14:N0} ns  {result.RatioToNewtonsoft:0.00}x ({rounds} rounds of {perCall} calls)");
            }

            return results;
        }
    }

    /// <summary>The fastest of five calls: a single call can land on a collection or a descheduled moment.</summary>
    private static long TimeOne(InMemoryBenchmark benchmark, string variant)
    {
        var fastest = long.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var started = CpuTime.ThreadNanoseconds();
            benchmark.CallVariant(variant).GetAwaiter().GetResult();
            fastest = Math.Min(fastest, CpuTime.ThreadNanoseconds() - started);
        }

        return fastest;
    }

    private static double Median(List<double> unsorted)
    {
        var values = unsorted.Order().ToList();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }
}
