using System;
using System.Diagnostics;
using System.Runtime;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using PgBeam.Benchmarks.Fixtures;
using PgBeam.Benchmarks.HandWritten;

namespace PgBeam.Benchmarks.Micro;

/// <summary>
/// One micro case: the three variants, each over its own <see cref="CannedResponseHandler"/> serving the same bytes.
/// The set-up checks that all three read the same values before anything is timed.
/// </summary>
public abstract class InMemoryBenchmark : IDisposable
{
    protected PgBeamClient SdkClient { get; private set; } = null!;

    protected NewtonsoftApi NewtonsoftClient { get; private set; } = null!;

    protected SystemTextJsonApi SystemTextJsonClient { get; private set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        SdkClient = Variants.CreateSdk(CreateHandler(), Variants.InMemoryBaseUrl);
        NewtonsoftClient = Variants.CreateNewtonsoft(CreateHandler(), Variants.InMemoryBaseUrl);
        SystemTextJsonClient = Variants.CreateSystemTextJson(CreateHandler(), Variants.InMemoryBaseUrl);
        Verify();
        WarmUntilJitIsQuiet(CallEachVariant);
    }

    /// <summary>How long the set-up may spend bringing the three variants to their optimized code.</summary>
    public static TimeSpan WarmUpLimit { get; set; } = TimeSpan.FromSeconds(10);

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    /// <summary>A fresh transport for one variant.</summary>
    protected abstract CannedResponseHandler CreateHandler();

    /// <summary>Runs each variant once and throws unless they read the same thing.</summary>
    protected abstract void Verify();

    /// <summary>One call of <paramref name="variant"/> (one of <see cref="Variants.All"/>), as its benchmark method makes it.</summary>
    public abstract Task CallVariant(string variant);

    /// <summary>Calls every variant once, for the warm-up.</summary>
    protected virtual void CallEachVariant()
    {
        foreach (var variant in Variants.All)
        {
            CallVariant(variant).GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// Calls the variants until the JIT has stopped compiling for a while, so that tiered compilation has replaced
    /// their first, unoptimized code before anything is measured. On a busy machine the JIT's background thread can
    /// lag far behind BenchmarkDotNet's warm-up, and the variant with the most code (the SDK) would then be measured
    /// partly unoptimized.
    /// </summary>
    public static void WarmUntilJitIsQuiet(Action callEachVariant)
    {
        var deadline = Stopwatch.StartNew();
        var lastCount = JitInfo.GetCompiledMethodCount();
        var quietRounds = 0;
        while (quietRounds < 4 && deadline.Elapsed < WarmUpLimit)
        {
            var round = Stopwatch.StartNew();
            while (round.ElapsedMilliseconds < 50)
            {
                callEachVariant();
            }

            var count = JitInfo.GetCompiledMethodCount();
            quietRounds = count == lastCount ? quietRounds + 1 : 0;
            lastCount = count;
        }
    }

    /// <summary>
    /// The result of a call that must have completed before returning: the thread CPU clock sees only this thread,
    /// so a case that went asynchronous (work on a pool thread) would be measured short.
    /// </summary>
    protected static T Completed<T>(Task<T> call, string what)
    {
        Expect(call.IsCompleted, what + " completes synchronously over the in-memory transport");
        return call.GetAwaiter().GetResult();
    }

    protected static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("Benchmark set-up check failed: " + what);
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            SdkClient?.Dispose();
            NewtonsoftClient?.Dispose();
            SystemTextJsonClient?.Dispose();
        }
    }
}
