using System;
using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace PgBeam.Benchmarks.Running;

/// <summary>
/// A BenchmarkDotNet clock that reads the calling thread's CPU time (<c>CLOCK_THREAD_CPUTIME_ID</c>, nanoseconds)
/// instead of the wall clock. The machine is shared (other builds run beside the suite, often at a load average
/// far above its two cores), and wall time then measures the scheduler more than the code. The in-memory cases
/// complete synchronously on the benchmark thread (their set-up checks it), and the suite runs with the
/// non-concurrent workstation GC, so every collection a case causes is done, and counted, on that thread too.
/// What is left out is other threads' work: the JIT's background tier-up and BenchmarkDotNet's own.
/// </summary>
public sealed partial class ThreadCpuClock : IClock
{
    private const int ClockThreadCpuTimeId = 3;
    private const int ClockProcessCpuTimeId = 2;

    public static readonly ThreadCpuClock Instance = new();

    public string Title => "thread CPU time";

    public bool IsAvailable => OperatingSystem.IsLinux() && Read(ClockThreadCpuTimeId) >= 0;

    public Frequency Frequency => Frequency.FromHz(1_000_000_000);

    public long GetTimestamp() => Read(ClockThreadCpuTimeId) is var nanoseconds and >= 0
        ? nanoseconds
        : throw new PlatformNotSupportedException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");

    /// <summary>The calling thread's CPU time so far.</summary>
    public static TimeSpan ThreadTime() => TimeSpan.FromTicks(Instance.GetTimestamp() / 100);

    /// <summary>The CPU time of the whole process so far (every thread), or <see cref="TimeSpan.Zero"/> where it cannot be read.</summary>
    public static TimeSpan ProcessTime() => Read(ClockProcessCpuTimeId) is var nanoseconds and >= 0 ? TimeSpan.FromTicks(nanoseconds / 100) : TimeSpan.Zero;

    private static long Read(int clockId)
    {
        if (!OperatingSystem.IsLinux() || ClockGetTime(clockId, out var value) != 0)
        {
            return -1;
        }

        return (value.Seconds * 1_000_000_000) + value.Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec value);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
