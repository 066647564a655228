using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using PgBeam.Benchmarks.Fixtures;
using PgBeam.Benchmarks.Running;

namespace PgBeam.Benchmarks.ColdStart;

/// <summary>
/// Starts a fresh process per run and variant (variants interleaved, so load from the rest of the machine spreads
/// over all three) and collects what each reports. The process wall time is measured here, from start to exit.
/// </summary>
public static class ColdStartHarness
{
    public static async Task<List<ColdStartResult>> RunAsync(Uri baseUrl, int runs)
    {
        var results = new List<ColdStartResult>();
        for (var run = 1; run <= runs; run++)
        {
            foreach (var variant in Variants.All)
            {
                var started = Stopwatch.GetTimestamp();
                using var process = Process.Start(ChildProcess.StartInfo("cold-start", variant, baseUrl.AbsoluteUri))
                    ?? throw new InvalidOperationException("A cold-start process did not start.");
                process.StandardInput.Close();
                var output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
                var errors = await process.StandardError.ReadToEndAsync().ConfigureAwait(false);
                await process.WaitForExitAsync().ConfigureAwait(false);
                var wall = Stopwatch.GetElapsedTime(started);
                var fields = output.Trim().Split(' ');
                if (process.ExitCode != 0 || fields.Length != 3 || fields[0] != "cold-start")
                {
                    throw new InvalidOperationException($"The {variant} cold-start process failed ({process.ExitCode}): {output} {errors}");
                }

                var result = new ColdStartResult(
                    variant,
                    run,
                    double.Parse(fields[1], CultureInfo.InvariantCulture),
                    double.Parse(fields[2], CultureInfo.InvariantCulture),
                    wall.TotalMilliseconds);
                Console.WriteLine($"cold start run {run} {variant,-24} client + first call {result.FirstCallMilliseconds,8:N1} ms wall, {result.FirstCallCpuMilliseconds,8:N1} ms CPU; process {result.ProcessMilliseconds,8:N1} ms");
                results.Add(result);
            }
        }

        return results;
    }
}
