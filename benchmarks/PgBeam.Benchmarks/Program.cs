using System;
using System.Threading.Tasks;
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
        var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
        var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
        switch (command)
        {
            case "run":
                return await SuiteCommand.RunAsync(rest).ConfigureAwait(false);
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}'. Commands: run [--short|--smoke|--full] [--only micro,paging,concurrency,cold-start,profile].").ConfigureAwait(false);
                return 2;
        }
    }
}
