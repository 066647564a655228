using System;
using System.Diagnostics;
using System.Threading.Tasks;
using PgBeam.Benchmarks.ColdStart;
using PgBeam.Benchmarks.Load;
using PgBeam.Benchmarks.Running;

namespace PgBeam.Benchmarks;

/// <summary>
/// Entry point. <c>run</c> (the default) measures and reports; <c>serve</c> and <c>cold-start</c> are the child
/// processes the loopback and cold-start cases start. Each command lives in its own type, so a child process loads
/// only what it uses (never BenchmarkDotNet).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        // Read first: a cold-start run measures from here.
        var mainStarted = Stopwatch.GetTimestamp();
        var cpuAtMain = CpuTime.Process();
        var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
        var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
        switch (command)
        {
            case "serve":
                return await LoopbackServer.RunAsync().ConfigureAwait(false);
            case "cold-start" when rest.Length == 2:
                return await ColdStartChild.RunAsync(rest[0], new Uri(rest[1]), mainStarted, cpuAtMain).ConfigureAwait(false);
            case "run":
                return await SuiteCommand.RunAsync(rest).ConfigureAwait(false);
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}'. Commands: run [--short|--smoke|--full] [--only micro,paging,concurrency,cold-start,profile].").ConfigureAwait(false);
                return 2;
        }
    }
}
