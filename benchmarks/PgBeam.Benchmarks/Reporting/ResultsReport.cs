using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using PgBeam.Benchmarks.Fixtures;
using PgBeam.Benchmarks.Micro;

namespace PgBeam.Benchmarks.Reporting;

/// <summary>
/// Renders a run as Markdown: the targets (ratios of the SDK to hand-written Newtonsoft measured in the same run,
/// PASS or MISS and by how much), then every case's table, then the allocation samples.
/// </summary>
public static class ResultsReport
{
    public static readonly Target[] Targets =
    [
        new(Cases.GetProject, "time", 1.05, AtMost: true),
        new(Cases.GetProject, "bytes", 0.60, AtMost: true),
        new(Cases.CreateAgentCredential, "time", 1.10, AtMost: true),
        new(Cases.CreateAgentCredential, "bytes", 0.80, AtMost: true),
        new(Cases.ListAuditLogs, "time", 1.00, AtMost: true),
        new(Cases.ListAuditLogs, "bytes", 1.05, AtMost: true),
        new(Cases.Concurrency, "throughput", 0.95, AtMost: false),
        new(Cases.ColdStart, "CPU time", 1.20, AtMost: true),
    ];

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Each target with the ratio this run measured (null when its case did not run).</summary>
    public static List<(Target Target, double? Ratio)> CheckTargets(SuiteResults results) =>
        [.. Targets.Select(target => (target, Ratio(results, target)))];

    public static string Render(SuiteResults results)
    {
        var md = new StringBuilder();
        var machine = results.Machine;
        md.AppendLine(Invariant, $"Run of {results.Started:yyyy-MM-dd HH:mm} UTC, `{results.Mode}` mode, {results.Duration.TotalSeconds:N0} s wall, {results.CpuTime.TotalSeconds:N0} s CPU.")
            .AppendLine()
            .AppendLine(Invariant, $"Machine: {machine.Cpu}, {machine.LogicalCores} logical cores, {machine.MemoryGiB:0.#} GiB; {machine.OperatingSystem}; {machine.Runtime}. ")
            .AppendLine(Invariant, $"Load average (1 min) {machine.LoadAverage} at the start and {results.LoadAverageAtEnd} at the end: other work shared the cores, so wall-clock numbers are noisy; the in-memory times are thread CPU time and every ratio compares variants measured in the same run.")
            .AppendLine();
        if (results.Mode == "smoke")
        {
            md.AppendLine("**Smoke mode: every case ran once, cold. These numbers show that the suite works, not how fast anything is.**")
                .AppendLine();
        }

        RenderTargets(md, results);
        RenderInterleaved(md, results);
        RenderMicro(md, results);
        RenderPaging(md, results);
        RenderConcurrency(md, results);
        RenderColdStart(md, results);
        RenderAllocations(md, results);
        return md.ToString();
    }

    /// <summary>The verdict lines the run script prints.</summary>
    public static IEnumerable<string> VerdictLines(SuiteResults results) =>
        CheckTargets(results).Select(check => string.Create(Invariant, $"{check.Target.Case} {check.Target.Measure}: {Verdict(check.Target, check.Ratio)}"));

    private static void RenderTargets(StringBuilder md, SuiteResults results)
    {
        md.AppendLine("#### Targets (SDK ÷ hand-written HttpClient + Newtonsoft, same run)")
            .AppendLine()
            .AppendLine("| Case | Measure | SDK ratio | Target | Verdict |")
            .AppendLine("| --- | --- | ---: | ---: | --- |");
        foreach (var (target, ratio) in CheckTargets(results))
        {
            md.AppendLine(Invariant, $"| {target.Case} | {target.Measure} | {(ratio is { } r ? r.ToString("0.00", Invariant) + "×" : "not run")} | {target.Describe()} | {Verdict(target, ratio)} |");
        }

        md.AppendLine();
    }

    private static string Verdict(Target target, double? ratio)
    {
        if (ratio is not { } r)
        {
            return "not measured";
        }

        var formatted = r.ToString("0.00", Invariant) + "× (" + target.Describe() + ")";
        if (target.IsMet(r))
        {
            return "PASS " + formatted;
        }

        var by = target.AtMost ? (r / target.Limit) - 1 : 1 - (r / target.Limit);
        return string.Create(Invariant, $"MISS by {by:P0}: {formatted}");
    }

    private static double? Ratio(SuiteResults results, Target target)
    {
        if (target.Case == Cases.Concurrency)
        {
            var ratios = results.Concurrency.GroupBy(r => r.Round)
                .Select(round => (Sdk: round.FirstOrDefault(r => r.Variant == Variants.Sdk), Baseline: round.FirstOrDefault(r => r.Variant == Variants.Newtonsoft)))
                .Where(pair => pair.Sdk is not null && pair.Baseline is { RequestsPerSecond: > 0 })
                .Select(pair => pair.Sdk!.RequestsPerSecond / pair.Baseline!.RequestsPerSecond)
                .ToList();
            return ratios.Count == 0 ? null : Median(ratios);
        }

        if (target.Case == Cases.ColdStart)
        {
            var sdk = results.ColdStart.Where(r => r.Variant == Variants.Sdk).Select(r => r.FirstCallCpuMilliseconds).ToList();
            var baseline = results.ColdStart.Where(r => r.Variant == Variants.Newtonsoft).Select(r => r.FirstCallCpuMilliseconds).ToList();
            return sdk.Count == 0 || baseline.Count == 0 ? null : Median(sdk) / Median(baseline);
        }

        if (target.Measure == "time" && results.Interleaved.FirstOrDefault(r => r.Case == target.Case && r.Variant == Variants.Sdk) is { } interleaved)
        {
            return interleaved.RatioToNewtonsoft;
        }

        var sdkRow = results.Micro.FirstOrDefault(r => r.Case == target.Case && r.Variant == Variants.Sdk);
        var baselineRow = results.Micro.FirstOrDefault(r => r.Case == target.Case && r.Variant == Variants.Newtonsoft);
        if (sdkRow is null || baselineRow is null)
        {
            return null;
        }

        return target.Measure == "bytes"
            ? (double)sdkRow.AllocatedBytes / baselineRow.AllocatedBytes
            : sdkRow.MeanNanoseconds / baselineRow.MeanNanoseconds;
    }

    private static void RenderInterleaved(StringBuilder md, SuiteResults results)
    {
        if (results.Interleaved.Count == 0)
        {
            return;
        }

        var rounds = results.Interleaved.Max(r => r.Rounds);
        md.AppendLine(Invariant, $"#### Time ratios, interleaved (thread CPU time; up to {rounds} rounds, each measuring every variant back to back; median per-round ratio)")
            .AppendLine()
            .Append("| Case | ").AppendJoin(" | ", Variants.All).AppendLine(" |")
            .Append("| --- | ").AppendJoin(" | ", Variants.All.Select(_ => "---:")).AppendLine(" |");
        foreach (var group in results.Interleaved.GroupBy(r => r.Case))
        {
            md.Append(Invariant, $"| {group.Key} | ")
                .AppendJoin(" | ", Variants.All.Select(v => group.FirstOrDefault(r => r.Variant == v) is { } row ? string.Create(Invariant, $"{Time(row.MedianNanoseconds)} ({row.RatioToNewtonsoft:0.00}×)") : ""))
                .AppendLine(" |");
        }

        md.AppendLine()
            .AppendLine("The targets' time ratios come from this table; the BenchmarkDotNet table below measures the variants one after the other, minutes apart on a busy machine, so its ratios drift more.")
            .AppendLine();
    }

    private static void RenderMicro(StringBuilder md, SuiteResults results)
    {
        if (results.Micro.Count == 0)
        {
            return;
        }

        md.AppendLine("#### In-memory cases (BenchmarkDotNet, MemoryDiagnoser; time = thread CPU time per call)")
            .AppendLine()
            .AppendLine("| Case | Variant | Time | ± (std. error) | Allocated | Time ratio | Bytes ratio |")
            .AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var group in results.Micro.GroupBy(r => r.Case))
        {
            var newtonsoft = group.FirstOrDefault(r => r.Variant == Variants.Newtonsoft);
            foreach (var row in group.OrderBy(r => Array.IndexOf(Variants.All, r.Variant) is var i and >= 0 ? i : int.MaxValue))
            {
                // Ratios to hand-written Newtonsoft; a "X: SDK, feature off" row compares with "X: SDK", the SDK as it ships.
                var baseline = newtonsoft ?? group.FirstOrDefault(r => r.Variant == row.Variant.Split(',')[0]);
                var timeRatio = baseline is null ? "" : (row.MeanNanoseconds / baseline.MeanNanoseconds).ToString("0.00", Invariant) + "×";
                var bytesRatio = baseline is null ? "" : ((double)row.AllocatedBytes / baseline.AllocatedBytes).ToString("0.00", Invariant) + "×";
                md.AppendLine(Invariant, $"| {group.Key} | {row.Variant} | {Time(row.MeanNanoseconds)} | {Time(row.StandardErrorNanoseconds)} | {Bytes(row.AllocatedBytes)} | {timeRatio} | {bytesRatio} |");
            }
        }

        var paging = results.Micro.Where(r => r.Case == Cases.AutoPaging).ToList();
        if (paging.Count > 0)
        {
            md.AppendLine()
                .Append("Auto-paging throughput (CPU time): ")
                .AppendJoin("; ", paging.OrderBy(r => Array.IndexOf(Variants.All, r.Variant)).Select(r => string.Create(Invariant, $"{r.Variant} {AuditLogAutoPagingBenchmarks.TotalEntries / (r.MeanNanoseconds / 1e9):N0} items/s")))
                .AppendLine(".");
        }

        md.AppendLine();
    }

    private static void RenderPaging(StringBuilder md, SuiteResults results)
    {
        if (results.Paging.Count == 0)
        {
            return;
        }

        var pageCounts = results.Paging.Select(r => r.Pages).Distinct().Order().ToList();
        md.AppendLine("#### Auto-paging memory: peak live heap during the walk, above the heap before it (pages of 100 entries)")
            .AppendLine()
            .Append("| Variant | ").AppendJoin(" | ", pageCounts.Select(p => string.Create(Invariant, $"{p:N0} pages"))).AppendLine(" | Allocated per page |")
            .Append("| --- | ").AppendJoin(" | ", pageCounts.Select(_ => "---:")).AppendLine(" | ---: |");
        foreach (var variant in Variants.All)
        {
            var rows = results.Paging.Where(r => r.Variant == variant).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            md.Append(Invariant, $"| {variant} | ")
                .AppendJoin(" | ", pageCounts.Select(p => rows.FirstOrDefault(r => r.Pages == p) is { } row ? Bytes(row.PeakLiveBytes) : ""))
                .AppendLine(Invariant, $" | {Bytes(rows.MaxBy(r => r.Pages)!.AllocatedBytesPerPage)} |");
        }

        md.AppendLine();
    }

    private static void RenderConcurrency(StringBuilder md, SuiteResults results)
    {
        if (results.Concurrency.Count == 0)
        {
            return;
        }

        var rounds = results.Concurrency.Select(r => r.Round).Distinct().Count();
        var window = results.Concurrency.Average(r => r.Seconds);
        md.AppendLine(Invariant, $"#### {Cases.Concurrency}: `getProject`, {rounds} round(s) of {window:0.#} s per variant, median round shown")
            .AppendLine()
            .AppendLine("| Variant | Requests/s | p50 | p99 | Client CPU per request | Errors | Throughput ratio |")
            .AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        var baseline = Median(results.Concurrency.Where(r => r.Variant == Variants.Newtonsoft).Select(r => r.RequestsPerSecond).ToList());
        foreach (var variant in Variants.All)
        {
            var rows = results.Concurrency.Where(r => r.Variant == variant).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            var rps = Median(rows.Select(r => r.RequestsPerSecond).ToList());
            md.AppendLine(Invariant, $"| {variant} | {rps:N0} | {Median(rows.Select(r => r.P50Milliseconds).ToList()):N2} ms | {Median(rows.Select(r => r.P99Milliseconds).ToList()):N2} ms | {Median(rows.Select(r => r.ClientCpuMicrosecondsPerRequest).ToList()):N1} µs | {rows.Sum(r => r.Errors)} | {rps / baseline:0.00}× |");
        }

        md.AppendLine();
    }

    private static void RenderColdStart(StringBuilder md, SuiteResults results)
    {
        if (results.ColdStart.Count == 0)
        {
            return;
        }

        var runs = results.ColdStart.Count(r => r.Variant == Variants.Sdk);
        md.AppendLine(Invariant, $"#### {Cases.ColdStart}: median of {runs} fresh process(es) per variant, `getProject` over loopback")
            .AppendLine()
            .AppendLine("| Variant | Client + first call, CPU | Client + first call, wall | Whole process, wall | CPU ratio | Wall ratio |")
            .AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        var baseline = results.ColdStart.Where(r => r.Variant == Variants.Newtonsoft).ToList();
        var baselineCpu = Median(baseline.Select(r => r.FirstCallCpuMilliseconds).ToList());
        var baselineWall = Median(baseline.Select(r => r.FirstCallMilliseconds).ToList());
        foreach (var variant in Variants.All)
        {
            var rows = results.ColdStart.Where(r => r.Variant == variant).ToList();
            if (rows.Count == 0)
            {
                continue;
            }

            var cpu = Median(rows.Select(r => r.FirstCallCpuMilliseconds).ToList());
            var wall = Median(rows.Select(r => r.FirstCallMilliseconds).ToList());
            md.AppendLine(Invariant, $"| {variant} | {cpu:N1} ms | {wall:N1} ms | {Median(rows.Select(r => r.ProcessMilliseconds).ToList()):N1} ms | {cpu / baselineCpu:0.00}× | {wall / baselineWall:0.00}× |");
        }

        md.AppendLine();
    }

    private static void RenderAllocations(StringBuilder md, SuiteResults results)
    {
        if (results.Allocations.Count == 0)
        {
            return;
        }

        md.AppendLine("#### Where the bytes go: allocation samples (GCAllocationTick, ~1 per 100 KB), estimated bytes per call by type")
            .AppendLine();
        foreach (var group in results.Allocations.GroupBy(p => p.Case))
        {
            var sdk = group.FirstOrDefault(p => p.Variant == Variants.Sdk);
            var baseline = group.FirstOrDefault(p => p.Variant == Variants.Newtonsoft);
            if (sdk is null || baseline is null)
            {
                continue;
            }

            var baselineByType = baseline.BytesPerCallByType.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            md.AppendLine(Invariant, $"{group.Key} ({sdk.Samples:N0} SDK samples, {baseline.Samples:N0} Newtonsoft samples):")
                .AppendLine()
                .AppendLine("| Type | SDK bytes/call | Newtonsoft bytes/call | Difference |")
                .AppendLine("| --- | ---: | ---: | ---: |");
            var types = sdk.BytesPerCallByType.Select(p => p.Key).Union(baselineByType.Keys, StringComparer.Ordinal);
            var sdkByType = sdk.BytesPerCallByType.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            foreach (var type in types
                .Select(t => (Type: t, Sdk: sdkByType.GetValueOrDefault(t), Baseline: baselineByType.GetValueOrDefault(t)))
                .OrderByDescending(t => Math.Abs(t.Sdk - t.Baseline))
                .Take(12))
            {
                md.AppendLine(Invariant, $"| `{type.Type}` | {type.Sdk:N0} | {type.Baseline:N0} | {type.Sdk - type.Baseline:+#,0;-#,0;0} |");
            }

            md.AppendLine();
        }
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    private static string Time(double nanoseconds) => nanoseconds switch
    {
        >= 1e9 => (nanoseconds / 1e9).ToString("N2", Invariant) + " s",
        >= 1e6 => (nanoseconds / 1e6).ToString("N2", Invariant) + " ms",
        >= 1e3 => (nanoseconds / 1e3).ToString("N2", Invariant) + " µs",
        _ => nanoseconds.ToString("N0", Invariant) + " ns",
    };

    private static string Bytes(long bytes) => bytes switch
    {
        >= 10L * 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("N1", Invariant) + " MB",
        >= 10L * 1024 => (bytes / 1024.0).ToString("N1", Invariant) + " KB",
        _ => bytes.ToString("N0", Invariant) + " B",
    };
}
