using System;
using Perfolizer.Horology;

namespace PgBeam.Benchmarks.Running;

/// <summary>
/// A BenchmarkDotNet clock that reads the calling thread's CPU time instead of the wall clock. The machine is
/// shared (other builds run beside the suite, often at a load average far above its two cores), and wall time then
/// measures the scheduler more than the code. The in-memory cases complete synchronously on the benchmark thread
/// (their set-up checks it), and the suite runs with the non-concurrent workstation GC, so every collection a case
/// causes is done, and counted, on that thread too. Left out is other threads' work: the JIT's background
/// tier-up and BenchmarkDotNet's own.
/// </summary>
public sealed class ThreadCpuClock : IClock
{
    public static readonly ThreadCpuClock Instance = new();

    public string Title => "thread CPU time";

    public bool IsAvailable => CpuTime.ThreadNanoseconds() >= 0;

    public Frequency Frequency => Frequency.FromHz(1_000_000_000);

    public long GetTimestamp() => CpuTime.ThreadNanoseconds() is var nanoseconds and >= 0
        ? nanoseconds
        : throw new PlatformNotSupportedException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
}
