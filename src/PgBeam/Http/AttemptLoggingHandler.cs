using System;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace PgBeam.Http;

/// <summary>
/// Writes one debug line per attempt: method, path template (never the real path, which carries ids), status or
/// failure kind, duration and attempt number. Nothing else goes in it: no header, query, body or exception text,
/// so no secret can reach a log. It sits right after the retry handler, so it sees every attempt, token fetch included.
/// </summary>
internal sealed class AttemptLoggingHandler(ILogger logger, TimeProvider timeProvider) : DelegatingHandler
{
    /// <summary>The logger category the SDK writes to.</summary>
    public const string Category = "PgBeam";

    private static readonly Action<ILogger, string, string, string, double, int, Exception?> AttemptFinished =
        LoggerMessage.Define<string, string, string, double, int>(
            LogLevel.Debug,
            new EventId(1, "PgBeamAttempt"),
            "PgBeam {Method} /{PathTemplate} -> {Status} in {DurationMs:0.0} ms (attempt {Attempt})");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var started = timeProvider.GetTimestamp();
        var status = "error";
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = "cancelled";
            throw;
        }
        catch (Exception ex)
        {
            status = PgBeamErrorFactory.Describe(ex);
            throw;
        }
        finally
        {
            var context = PgBeamRequestContext.Of(request);
            AttemptFinished(
                logger,
                request.Method.Method,
                context?.PathTemplate ?? "(not an SDK call)",
                status,
                timeProvider.GetElapsedTime(started).TotalMilliseconds,
                context?.Attempts ?? 1,
                null);
        }
    }
}
