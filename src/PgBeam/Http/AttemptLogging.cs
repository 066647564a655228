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
/// so no secret can reach a log. It is the first step of an attempt, so it sees every attempt, token fetch included;
/// it is in the chain only when a logger factory is set.
/// </summary>
internal sealed class AttemptLogging(ILogger logger, TimeProvider timeProvider) : AttemptHop
{
    /// <summary>The logger category the SDK writes to.</summary>
    public const string Category = "PgBeam";

    private static readonly Action<ILogger, string, string, string, double, int, Exception?> AttemptFinished =
        LoggerMessage.Define<string, string, string, double, int>(
            LogLevel.Debug,
            new EventId(1, "PgBeamAttempt"),
            "PgBeam {Method} /{PathTemplate} -> {Status} in {DurationMs:0.0} ms (attempt {Attempt})");

    public override async Task<HttpResponseMessage> SendAsync(CallContext call, int attempt, HttpRequestMessage message, CancellationToken cancellationToken)
    {
        if (!logger.IsEnabled(LogLevel.Debug))
        {
            return await NextAsync(call, attempt, message, cancellationToken).ConfigureAwait(false);
        }

        var started = timeProvider.GetTimestamp();
        var status = "error";
        try
        {
            var response = await NextAsync(call, attempt, message, cancellationToken).ConfigureAwait(false);
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
            AttemptFinished(
                logger,
                message.Method.Method,
                call.PathTemplate,
                status,
                timeProvider.GetElapsedTime(started).TotalMilliseconds,
                attempt,
                null);
        }
    }
}
