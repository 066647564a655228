using System;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace PgBeam.Tests.Support;

/// <summary>Listens to the SDK's <see cref="ActivitySource"/> while alive, recording every activity as it stops.</summary>
internal sealed class RecordedActivities : IDisposable
{
    private readonly ActivityListener _listener;

    public RecordedActivities()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PgBeamTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The activities stopped so far, from every test running now: filter on something of your own.</summary>
    public ConcurrentQueue<Activity> Stopped { get; } = new();

    public void Dispose() => _listener.Dispose();
}
