using System;
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
    }

    [GlobalCleanup]
    public void Cleanup() => Dispose();

    /// <summary>A fresh transport for one variant.</summary>
    protected abstract CannedResponseHandler CreateHandler();

    /// <summary>Runs each variant once and throws unless they read the same thing.</summary>
    protected abstract void Verify();

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
