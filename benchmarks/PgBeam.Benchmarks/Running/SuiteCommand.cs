using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using PgBeam.Benchmarks.Micro;

namespace PgBeam.Benchmarks.Running;

/// <summary>The <c>run</c> command: every phase of the suite in order, then the report.</summary>
public static class SuiteCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var mode = SuiteMode.Full;
        var results = Path.Combine(Directory.GetCurrentDirectory(), "benchmarks", "results");
        HashSet<string>? only = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--short": mode = SuiteMode.Quick; break;
                case "--smoke": mode = SuiteMode.Smoke; break;
                case "--full": mode = SuiteMode.Full; break;
                case "--results": results = Path.GetFullPath(args[++i]); break;
                case "--only": only = [.. args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]; break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown option '{args[i]}'.").ConfigureAwait(false);
                    return 2;
            }
        }

        Directory.CreateDirectory(results);
        bool Wanted(string phase) => only is null || only.Contains(phase);

        var micro = Wanted("micro") ? MicroSuite.Run(mode, results, MicroSuite.Benchmarks) : [];
        foreach (var row in micro)
        {
            Console.WriteLine($"{row.Case,-40} {row.Variant,-24} {row.MeanNanoseconds,14:N0} ns {row.AllocatedBytes,12:N0} B");
        }

        return micro.Count > 0 || only is not null ? 0 : 1;
    }
}
