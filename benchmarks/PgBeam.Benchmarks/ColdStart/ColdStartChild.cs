using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using PgBeam.Benchmarks.Fixtures;
using PgBeam.Benchmarks.Running;

namespace PgBeam.Benchmarks.ColdStart;

/// <summary>
/// The <c>cold-start VARIANT BASE_URL</c> command, run in a fresh process: creates the variant's client, makes one
/// <c>getProject</c> call over loopback, and prints one line: the wall time and the process CPU time from the
/// start of <c>Main</c> to the parsed result.
/// </summary>
public static class ColdStartChild
{
    public static async Task<int> RunAsync(string variant, Uri baseUrl, long mainStarted, TimeSpan cpuAtMain)
    {
        string id;
        switch (variant)
        {
            case Variants.Sdk:
                using (var sdk = Variants.CreateSdk(baseUrl))
                {
                    id = (await sdk.Projects.GetProjectAsync(ApiFixtures.ProjectId).ConfigureAwait(false)).Id;
                }

                break;
            case Variants.Newtonsoft:
                using (var newtonsoft = Variants.CreateNewtonsoft(Variants.CreateSocketsHandler(), baseUrl))
                {
                    id = (await newtonsoft.GetProjectAsync(ApiFixtures.ProjectId).ConfigureAwait(false)).Id;
                }

                break;
            case Variants.SystemTextJson:
                using (var stj = Variants.CreateSystemTextJson(Variants.CreateSocketsHandler(), baseUrl))
                {
                    id = (await stj.GetProjectAsync(ApiFixtures.ProjectId).ConfigureAwait(false)).Id;
                }

                break;
            default:
                await Console.Error.WriteLineAsync("Unknown variant " + variant).ConfigureAwait(false);
                return 2;
        }

        var firstCall = Stopwatch.GetElapsedTime(mainStarted);
        var cpu = CpuTime.Process() - cpuAtMain;
        if (id != ApiFixtures.ProjectId)
        {
            return 1;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cold-start {firstCall.TotalMilliseconds:F3} {cpu.TotalMilliseconds:F3}"));
        return 0;
    }
}
