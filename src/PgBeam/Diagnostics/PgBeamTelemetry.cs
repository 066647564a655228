using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PgBeam;

/// <summary>
/// The SDK's tracing and metrics sources, both named <c>PgBeam</c>: add <c>AddSource("PgBeam")</c> and
/// <c>AddMeter("PgBeam")</c> to OpenTelemetry. Nothing is recorded while no listener is attached.
/// </summary>
/// <remarks>
/// Each call is one <see cref="ActivityKind.Client"/> activity named <c>PgBeam {operationId}</c> with the tags
/// <c>pgbeam.operation</c>, <c>http.request.method</c>, <c>url.template</c>, <c>pgbeam.project_id</c> (when the
/// path has one), <c>http.response.status_code</c> or <c>error.type</c>, and <c>pgbeam.attempts</c>, plus one
/// <c>pgbeam.retry</c> event per retry. The meter has the histogram <see cref="CallDurationName"/> (seconds, per
/// call, retries included) and the counter <see cref="RetriesName"/>.
/// </remarks>
public static class PgBeamTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> and of the <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string SourceName = "PgBeam";

    /// <summary>The histogram of call durations in seconds, retries and waits included. Tags: <c>pgbeam.operation</c>, <c>http.response.status_code</c> or <c>error.type</c>.</summary>
    public const string CallDurationName = "pgbeam.client.call.duration";

    /// <summary>The counter of retries (one per extra attempt). Tag: <c>pgbeam.operation</c>.</summary>
    public const string RetriesName = "pgbeam.client.retries";

    internal static readonly ActivitySource ActivitySource = new(SourceName, Http.UserAgent.SdkVersion);
    internal static readonly Meter Meter = new(SourceName, Http.UserAgent.SdkVersion);

    internal static readonly Histogram<double> CallDuration =
        Meter.CreateHistogram<double>(CallDurationName, unit: "s", description: "Duration of PgBeam API calls, retries included.");

    internal static readonly Counter<long> Retries =
        Meter.CreateCounter<long>(RetriesName, unit: "{retry}", description: "Retries of PgBeam API calls.");

    /// <summary>Counts a retry and, when the call's activity is recorded, adds an event saying why and after how long.</summary>
    internal static void RecordRetry(string operationId, int failedAttempt, TimeSpan delay, string reason)
    {
        if (Retries.Enabled)
        {
            Retries.Add(1, new KeyValuePair<string, object?>("pgbeam.operation", operationId));
        }

        if (Activity.Current is { IsAllDataRequested: true } activity && activity.Source == ActivitySource)
        {
            activity.AddEvent(new ActivityEvent("pgbeam.retry", tags: new ActivityTagsCollection
            {
                ["pgbeam.attempt"] = failedAttempt,
                ["pgbeam.retry.reason"] = reason,
                ["pgbeam.retry.delay_ms"] = delay.TotalMilliseconds,
            }));
        }
    }
}
