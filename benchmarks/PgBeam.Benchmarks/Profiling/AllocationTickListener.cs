using System;
using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Threading;

namespace PgBeam.Benchmarks.Profiling;

/// <summary>
/// Listens to the runtime's <c>GCAllocationTick</c> events: one per ~100 KB allocated, naming the type of the object
/// that crossed the mark and the amount allocated since the last one. Summed by type over enough calls, they
/// estimate which types a call's bytes go to (a sample, not an exact count).
/// </summary>
public sealed class AllocationTickListener : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private long _events;

    public ConcurrentDictionary<string, long> BytesByType { get; } = new(StringComparer.Ordinal);

    public long Events => Interlocked.Read(ref _events);

    public bool Recording { get; set; }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!Recording || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        var names = eventData.PayloadNames!;
        var type = "?";
        long amount = 0;
        for (var i = 0; i < names.Count; i++)
        {
            switch (names[i])
            {
                case "TypeName":
                    type = eventData.Payload[i] as string ?? "?";
                    break;
                case "AllocationAmount64":
                    amount = Convert.ToInt64(eventData.Payload[i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
            }
        }

        BytesByType.AddOrUpdate(type, amount, (_, total) => total + amount);
        Interlocked.Increment(ref _events);
    }
}
