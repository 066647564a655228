using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using Microsoft.Extensions.Logging;

namespace PgBeam.Http;

/// <summary>
/// Notices <c>Deprecation</c> (RFC 9745) and <c>Sunset</c> (RFC 8594) on responses: one warning log per operation
/// per client (never one per call, which would flood a log), and a <c>pgbeam.deprecated</c> event on every call's
/// activity. The response objects show the same headers (<see cref="PgBeamResponse.IsDeprecated"/>).
/// </summary>
internal sealed class LifecycleNotices(ILogger? logger)
{
    /// <summary>The name of the activity event added to a call whose response says the operation is deprecated.</summary>
    public const string EventName = "pgbeam.deprecated";

    private static readonly Action<ILogger, string, string, string, string, Exception?> Deprecated =
        LoggerMessage.Define<string, string, string, string>(
            LogLevel.Warning,
            new EventId(2, "PgBeamOperationDeprecated"),
            "PgBeam operation {OperationId} is deprecated (Deprecation: {Deprecation}; Sunset: {Sunset}); see {Link}. This warning is logged once per operation per client.");

    private readonly ConcurrentDictionary<string, byte> _warned = new(StringComparer.Ordinal);

    /// <summary>Logs and traces the lifecycle headers of <paramref name="response"/>, if it has any.</summary>
    public void Observe(HttpResponseMessage response, Activity? activity, CallContext call, HttpRequestMessage? sent)
    {
        var operationId = call.OperationId;
        var deprecation = First(response, "Deprecation");
        var sunset = First(response, "Sunset");
        if (deprecation is null && sunset is null)
        {
            return;
        }

        // Header values are the server's text: masked like any other before they reach a log or a trace.
        var redactor = call.CreateRedactor(sent);
        deprecation = redactor.Redact(deprecation);
        sunset = redactor.Redact(sunset);
        var link = redactor.Redact(First(response, "Link"));
        if (activity is { IsAllDataRequested: true })
        {
            var tags = new ActivityTagsCollection { { "pgbeam.operation", operationId } };
            if (deprecation is not null)
            {
                tags.Add("pgbeam.deprecation", deprecation);
            }

            if (sunset is not null)
            {
                tags.Add("pgbeam.sunset", sunset);
            }

            activity.AddEvent(new ActivityEvent(EventName, tags: tags));
        }

        if (logger is not null && logger.IsEnabled(LogLevel.Warning) && _warned.TryAdd(operationId, 0))
        {
            Deprecated(logger, operationId, deprecation ?? "not sent", sunset ?? "not sent", link ?? "https://pgbeam.com/docs/api-lifecycle", null);
        }
    }

    /// <summary>
    /// An RFC 9745 <c>Deprecation</c> value (<c>@&lt;unix seconds&gt;</c>), or an HTTP-date as older drafts and
    /// <c>Sunset</c> use; null for anything else (<c>true</c> of an early draft says "deprecated" without a date).
    /// </summary>
    public static DateTimeOffset? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (value[0] == '@' && long.TryParse(value.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
            && seconds is >= -62135596800 and <= 253402300799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        return DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
    }

    private static string? First(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out IEnumerable<string>? values))
        {
            foreach (var value in values)
            {
                return value;
            }
        }

        return null;
    }
}
