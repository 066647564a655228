using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using PgBeam.Benchmarks.ColdStart;
using PgBeam.Benchmarks.Load;
using PgBeam.Benchmarks.Micro;
using PgBeam.Benchmarks.Paging;
using PgBeam.Benchmarks.Profiling;
using PgBeam.Benchmarks.Reporting;

namespace PgBeam.Benchmarks.Running;

/// <summary>
/// The <c>run</c> command: the in-memory cases under BenchmarkDotNet, the paging memory walk, the concurrency and
/// cold-start cases against a loopback Kestrel, the allocation samples; then the report, written to
/// <c>summary.md</c> and <c>summary.json</c> in the results folder and, with <c>--readme</c>, into the README.
/// </summary>
public static class SuiteCommand
{
    public const string ReadmeStart = "<!-- results:start (written by benchmarks/run.sh) -->";
    public const string ReadmeEnd = "<!-- results:end -->";

    private static readonly string[] Phases = ["micro", "ratios", "paging", "concurrency", "cold-start", "profile"];

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args)
    {
        var mode = SuiteMode.Full;
        var resultsPath = Path.Combine(Directory.GetCurrentDirectory(), "benchmarks", "results");
        string? readme = null;
        var only = new HashSet<string>(Phases, StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--short": mode = SuiteMode.Quick; break;
                case "--smoke": mode = SuiteMode.Smoke; break;
                case "--full": mode = SuiteMode.Full; break;
                case "--results" when i + 1 < args.Length: resultsPath = Path.GetFullPath(args[++i]); break;
                case "--readme" when i + 1 < args.Length: readme = Path.GetFullPath(args[++i]); break;
                case "--only" when i + 1 < args.Length:
                    only = [.. args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                    if (!only.IsSubsetOf(Phases))
                    {
                        await Console.Error.WriteLineAsync("Unknown phase in '" + args[i] + "'. Phases: " + string.Join(",", Phases)).ConfigureAwait(false);
                        return 2;
                    }

                    break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown option '{args[i]}'. Options: --short | --smoke | --full, --only {string.Join(",", Phases)}, --results DIR, --readme FILE.").ConfigureAwait(false);
                    return 2;
            }
        }

        Directory.CreateDirectory(resultsPath);
        var wall = Stopwatch.StartNew();
        var cpu = CpuTime.Process();
        var results = new SuiteResults
        {
            Mode = mode switch { SuiteMode.Smoke => "smoke", SuiteMode.Quick => "short", _ => "full" },
            Started = DateTimeOffset.UtcNow,
            Machine = MachineInfo.Read(),
        };

        if (only.Contains("micro"))
        {
            results.Micro.AddRange(MicroSuite.Run(mode, resultsPath, MicroSuite.Benchmarks));
        }

        if (only.Contains("ratios"))
        {
            results.Interleaved.AddRange(InterleavedRatios.Run(mode));
        }

        if (only.Contains("paging"))
        {
            results.Paging.AddRange(await PagingMemoryHarness.RunAsync(mode == SuiteMode.Smoke ? [2, 5] : [10, 100, 1_000]).ConfigureAwait(false));
        }

        if (only.Contains("concurrency") || only.Contains("cold-start"))
        {
            var server = await ServerProcess.StartAsync().ConfigureAwait(false);
            await using (server.ConfigureAwait(false))
            {
                if (only.Contains("concurrency"))
                {
                    var (rounds, warmUp, window) = mode switch
                    {
                        SuiteMode.Smoke => (1, TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(0.5)),
                        SuiteMode.Quick => (1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)),
                        _ => (3, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)),
                    };
                    results.Concurrency.AddRange(await ConcurrencyHarness.RunAsync(server.BaseUrl, rounds, warmUp, window).ConfigureAwait(false));
                }

                if (only.Contains("cold-start"))
                {
                    var runs = mode switch { SuiteMode.Smoke => 1, SuiteMode.Quick => 4, _ => 12 };
                    results.ColdStart.AddRange(await ColdStartHarness.RunAsync(server.BaseUrl, runs).ConfigureAwait(false));
                }
            }
        }

        if (only.Contains("profile"))
        {
            results.Allocations.AddRange(AllocationProfiler.Run(mode switch { SuiteMode.Smoke => 0.02, SuiteMode.Quick => 0.4, _ => 1 }));
        }

        results.Duration = wall.Elapsed;
        results.CpuTime = CpuTime.Process() - cpu;
        results.LoadAverageAtEnd = MachineInfo.ReadLoadAverage();
        await WriteAsync(results, resultsPath, readme).ConfigureAwait(false);
        return 0;
    }

    private static async Task WriteAsync(SuiteResults results, string resultsPath, string? readme)
    {
        var markdown = ResultsReport.Render(results);
        await File.WriteAllTextAsync(Path.Combine(resultsPath, "summary.md"), markdown).ConfigureAwait(false);
        await File.WriteAllTextAsync(
            Path.Combine(resultsPath, "summary.json"),
            JsonSerializer.Serialize(results, JsonOptions)).ConfigureAwait(false);

        if (readme is not null)
        {
            var text = await File.ReadAllTextAsync(readme).ConfigureAwait(false);
            var start = text.IndexOf(ReadmeStart, StringComparison.Ordinal);
            var end = text.IndexOf(ReadmeEnd, StringComparison.Ordinal);
            if (start < 0 || end < start)
            {
                throw new InvalidOperationException($"{readme} has no results markers ({ReadmeStart} … {ReadmeEnd}).");
            }

            text = text[..(start + ReadmeStart.Length)] + "\n\n" + markdown.TrimEnd() + "\n\n" + text[end..];
            await File.WriteAllTextAsync(readme, text).ConfigureAwait(false);
        }

        Console.WriteLine();
        Console.WriteLine("Targets (SDK ÷ hand-written HttpClient + Newtonsoft, same run):");
        foreach (var line in ResultsReport.VerdictLines(results))
        {
            Console.WriteLine("  " + line);
        }

        Console.WriteLine();
        Console.WriteLine($"Results: {Path.Combine(resultsPath, "summary.md")} (and summary.json, bdn/ for BenchmarkDotNet's own reports).");
        if (readme is not null)
        {
            Console.WriteLine($"Table written into {readme}.");
        }
    }
}
