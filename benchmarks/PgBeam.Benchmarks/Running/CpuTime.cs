using System;
using System.Runtime.InteropServices;

namespace PgBeam.Benchmarks.Running;

/// <summary>CPU time as Linux counts it (<c>clock_gettime</c>), in nanoseconds; -1 where it cannot be read.</summary>
public static partial class CpuTime
{
    private const int ProcessClock = 2;
    private const int ThreadClock = 3;

    /// <summary>The calling thread's CPU time, in nanoseconds.</summary>
    public static long ThreadNanoseconds() => Read(ThreadClock);

    /// <summary>The CPU time of every thread of this process so far; <see cref="TimeSpan.Zero"/> where it cannot be read.</summary>
    public static TimeSpan Process() => Read(ProcessClock) is var nanoseconds and >= 0 ? TimeSpan.FromTicks(nanoseconds / 100) : TimeSpan.Zero;

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
