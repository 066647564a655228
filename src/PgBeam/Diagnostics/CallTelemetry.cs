using System;
using System.Diagnostics;
using PgBeam.Http;

namespace PgBeam.Diagnostics;

/// <summary>
/// Traces and measures a call: one activity (<c>PgBeam &lt;operationId&gt;</c>) and one duration per call, tagged
/// with the operation, the final status or error type and the attempts. The attempts inside belong to the retry loop
/// (<see cref="PgBeamTelemetry.RecordRetry"/>) and to <c>AttemptLogging</c>.
/// </summary>
internal static class CallTelemetry
{
    public static Activity? Start(ApiRequest request)
    {
        if (!PgBeamTelemetry.ActivitySource.HasListeners())
        {
            return null;
        }

        var activity = PgBeamTelemetry.ActivitySource.StartActivity("PgBeam " + request.OperationId, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("pgbeam.operation", request.OperationId);
            activity.SetTag("http.request.method", request.Method.Method);
            activity.SetTag("url.template", "/" + request.PathTemplate);
            if (request.ProjectId is not null)
            {
                activity.SetTag("pgbeam.project_id", request.ProjectId);
            }
        }

        return activity;
    }

    public static void Complete(Activity? activity, ApiRequest request, int? statusCode, string? errorType, int attempts, TimeSpan elapsed)
    {
        if (activity is { IsAllDataRequested: true })
        {
            if (statusCode is { } status)
            {
                activity.SetTag("http.response.status_code", status);
            }

            if (errorType is not null)
            {
                activity.SetTag("error.type", errorType);
            }

            activity.SetTag("pgbeam.attempts", attempts);
            activity.SetStatus(errorType is null ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        }

        if (PgBeamTelemetry.CallDuration.Enabled)
        {
            var tags = new TagList { { "pgbeam.operation", request.OperationId } };
            if (statusCode is { } status)
            {
                tags.Add("http.response.status_code", status);
            }

            if (errorType is not null)
            {
                tags.Add("error.type", errorType);
            }

            PgBeamTelemetry.CallDuration.Record(elapsed.TotalSeconds, tags);
        }
    }
}
