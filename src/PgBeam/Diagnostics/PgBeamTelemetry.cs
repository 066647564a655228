using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PgBeam;

/// <summary>
/// The SDK's tracing and metrics sources, both named <c>PgBeam</c>: add <c>AddSource("PgBeam")</c> and
/// <c>AddMeter("PgBeam")</c> to OpenTelemetry. Nothing is recorded while no listener is attached.
/// </summary>
public static class PgBeamTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> and of the <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string SourceName = "PgBeam";

    internal static readonly ActivitySource ActivitySource = new(SourceName, Http.UserAgentHandler.SdkVersion);
    internal static readonly Meter Meter = new(SourceName, Http.UserAgentHandler.SdkVersion);

    /// <summary>Duration of whole calls, retries included (seconds). Tags: operation, status.</summary>
    internal static readonly Histogram<double> CallDuration =
        Meter.CreateHistogram<double>("pgbeam.client.call.duration", unit: "s", description: "Duration of PgBeam API calls, retries included.");

    /// <summary>Retries made (one per extra attempt). Tag: operation.</summary>
    internal static readonly Counter<long> Retries =
        Meter.CreateCounter<long>("pgbeam.client.retries", unit: "{retry}", description: "Retries of PgBeam API calls.");

    internal static void RecordRetry(string operationId)
    {
        if (Retries.Enabled)
        {
            Retries.Add(1, new KeyValuePair<string, object?>("pgbeam.operation", operationId));
        }
    }
}
