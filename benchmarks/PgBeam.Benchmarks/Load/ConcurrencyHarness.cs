using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using PgBeam.Benchmarks.Fixtures;
using PgBeam.Benchmarks.Running;

namespace PgBeam.Benchmarks.Load;

/// <summary>
/// 64 callers, each calling <c>getProject</c> in a loop against the loopback server for a fixed time, per variant,
/// each variant with its own connection pool. Rounds rotate the order of the variants, so a burst of load from the
/// rest of the machine does not always land on the same one; the report takes each variant's median round.
/// </summary>
public static class ConcurrencyHarness
{
    public const int Callers = 64;

    public static async Task<List<LoadResult>> RunAsync(Uri baseUrl, int rounds, TimeSpan warmUp, TimeSpan window)
    {
        var results = new List<LoadResult>();
        for (var round = 1; round <= rounds; round++)
        {
            for (var i = 0; i < Variants.All.Length; i++)
            {
                var variant = Variants.All[(i + round - 1) % Variants.All.Length];
                var result = await MeasureAsync(variant, round, baseUrl, warmUp, window).ConfigureAwait(false);
                Console.WriteLine($"concurrency round {round} {variant,-24} {result.RequestsPerSecond,9:N0} req/s  p50 {result.P50Milliseconds,7:N2} ms  p99 {result.P99Milliseconds,7:N2} ms  {result.ClientCpuMicrosecondsPerRequest,6:N1} us CPU/req  errors {result.Errors}");
                results.Add(result);
            }
        }

        return results;
    }

    private static async Task<LoadResult> MeasureAsync(string variant, int round, Uri baseUrl, TimeSpan warmUp, TimeSpan window)
    {
        var call = CreateCaller(variant, baseUrl, out var client);
        using (client)
        {
            await RunCallersAsync(call, warmUp).ConfigureAwait(false);
            var cpu = CpuTime.Process();
            var started = Stopwatch.GetTimestamp();
            var (latencies, errors) = await RunCallersAsync(call, window).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var cpuUsed = CpuTime.Process() - cpu;

            latencies.Sort();
            var requests = latencies.Count;
            return new LoadResult(
                variant,
                round,
                elapsed.TotalSeconds,
                requests,
                errors,
                requests / elapsed.TotalSeconds,
                Percentile(latencies, 0.50),
                Percentile(latencies, 0.99),
                requests == 0 ? 0 : cpuUsed.TotalMicroseconds / requests);
        }
    }

    /// <summary>A call of <c>getProject</c> through <paramref name="variant"/>, over a fresh connection pool.</summary>
    private static Func<Task> CreateCaller(string variant, Uri baseUrl, out IDisposable client)
    {
        switch (variant)
        {
            case Variants.Sdk:
                var sdk = Variants.CreateSdk(baseUrl);
                client = sdk;
                return () => sdk.Projects.GetProjectAsync(ApiFixtures.ProjectId);
            case Variants.Newtonsoft:
                var newtonsoft = Variants.CreateNewtonsoft(Variants.CreateSocketsHandler(), baseUrl);
                client = newtonsoft;
                return () => newtonsoft.GetProjectAsync(ApiFixtures.ProjectId);
            default:
                var stj = Variants.CreateSystemTextJson(Variants.CreateSocketsHandler(), baseUrl);
                client = stj;
                return () => stj.GetProjectAsync(ApiFixtures.ProjectId);
        }
    }

    /// <summary>Runs <see cref="Callers"/> loops until <paramref name="duration"/> has passed; each loop ends by itself.</summary>
    private static async Task<(List<double> Latencies, long Errors)> RunCallersAsync(Func<Task> call, TimeSpan duration)
    {
        var started = Stopwatch.GetTimestamp();
        var loops = Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>(4096);
            var errors = 0L;
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                var before = Stopwatch.GetTimestamp();
                try
                {
                    await call().ConfigureAwait(false);
                    latencies.Add(Stopwatch.GetElapsedTime(before).TotalMilliseconds);
                }
                catch (Exception ex) when (ex is HttpRequestException or PgBeamException or TaskCanceledException)
                {
                    errors++;
                }
            }

            return (latencies, errors);
        })).ToArray();

        var done = await Task.WhenAll(loops).ConfigureAwait(false);
        return ([.. done.SelectMany(d => d.latencies)], done.Sum(d => d.errors));
    }

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
}
