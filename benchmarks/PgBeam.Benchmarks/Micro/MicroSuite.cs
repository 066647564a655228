using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;
using PgBeam.Benchmarks.Running;

namespace PgBeam.Benchmarks.Micro;

/// <summary>
/// Runs the in-memory cases under BenchmarkDotNet with the memory diagnoser, in this process (no per-benchmark
/// project build, which would not fit the short mode's time on two cores), and collects the rows.
/// </summary>
public static class MicroSuite
{
    public static readonly Type[] Benchmarks =
    [
        typeof(GetProjectBenchmarks),
        typeof(CreateAgentCredentialBenchmarks),
        typeof(ListAuditLogsBenchmarks),
        typeof(AuditLogAutoPagingBenchmarks),
        typeof(SdkOptionCostBenchmarks),
    ];

    public static List<MicroResult> Run(SuiteMode mode, string artifactsPath, IReadOnlyCollection<Type> benchmarks)
    {
        var config = CreateConfig(mode, artifactsPath);
        InMemoryBenchmark.WarmUpLimit = mode switch
        {
            SuiteMode.Smoke => TimeSpan.Zero,
            SuiteMode.Quick => TimeSpan.FromSeconds(4),
            _ => TimeSpan.FromSeconds(15),
        };
        return [.. BenchmarkRunner.Run([.. benchmarks], config).SelectMany(Collect)];
    }

    public static IConfig CreateConfig(SuiteMode mode, string artifactsPath)
    {
        var job = mode switch
        {
            SuiteMode.Smoke => Job.Dry,
            SuiteMode.Quick => Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithIterationTime(TimeInterval.FromMilliseconds(100)),
            _ => Job.Default.WithLaunchCount(1).WithWarmupCount(4).WithIterationCount(15).WithIterationTime(TimeInterval.FromMilliseconds(400)),
        };
        // The overhead of calling an empty method is a nanosecond against microseconds: not worth its iterations.
        job = job.WithEvaluateOverhead(false).WithToolchain(InProcessEmitToolchain.Instance).WithClock(ThreadCpuClock.Instance).WithId(mode.ToString());

        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(ConsoleLogger.Default)
            .AddExporter(MarkdownExporter.GitHub, JsonExporter.Full, CsvExporter.Default)
            .WithArtifactsPath(Path.Combine(artifactsPath, "bdn"))
            .WithOptions(ConfigOptions.DisableLogFile);
    }

    private static IEnumerable<MicroResult> Collect(Summary summary)
    {
        foreach (var report in summary.Reports)
        {
            var benchmark = report.BenchmarkCase;
            var category = benchmark.Descriptor.Categories.FirstOrDefault() ?? benchmark.Descriptor.Type.Name;
            var statistics = report.ResultStatistics;
            if (statistics is null)
            {
                throw new InvalidOperationException($"{benchmark.DisplayInfo} produced no measurement; see the log above.");
            }

            var allocated = report.GcStats.GetBytesAllocatedPerOperation(benchmark) ?? -1;
            yield return new MicroResult(category, benchmark.Descriptor.WorkloadMethodDisplayInfo.Trim('\''), statistics.Mean, statistics.StandardError, allocated);
        }
    }
}
