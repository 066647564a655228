using System;
using System.Collections.Generic;
using PgBeam.Benchmarks.ColdStart;
using PgBeam.Benchmarks.Load;
using PgBeam.Benchmarks.Micro;
using PgBeam.Benchmarks.Paging;
using PgBeam.Benchmarks.Profiling;
using PgBeam.Benchmarks.Running;

namespace PgBeam.Benchmarks.Reporting;

/// <summary>Everything one run measured; written to <c>summary.json</c> and rendered by <see cref="ResultsReport"/>.</summary>
public sealed class SuiteResults
{
    public required string Mode { get; init; }

    public required DateTimeOffset Started { get; init; }

    public required MachineInfo Machine { get; init; }

    public string LoadAverageAtEnd { get; set; } = "n/a";

    public TimeSpan Duration { get; set; }

    public TimeSpan CpuTime { get; set; }

    public List<MicroResult> Micro { get; init; } = [];

    public List<InterleavedResult> Interleaved { get; init; } = [];

    public List<PagingMemoryResult> Paging { get; init; } = [];

    public List<LoadResult> Concurrency { get; init; } = [];

    public List<ColdStartResult> ColdStart { get; init; } = [];

    public List<AllocationProfile> Allocations { get; init; } = [];
}
