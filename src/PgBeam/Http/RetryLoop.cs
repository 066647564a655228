using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using PgBeam.Diagnostics;

namespace PgBeam.Http;

/// <summary>
/// The only place retries are decided, as one loop read top to bottom (in the manner of the Azure SDK's
/// <c>RetryPolicy</c>): send an attempt, classify what came back, decide, wait, go again. Retries 408, 429, 500, 502,
/// 503, 504 and network failures (refused, reset, an attempt timing out) with backoff <c>min(base · 2^n, max)</c> ±
/// jitter, or the server's <c>Retry-After</c>, while the call's retry count and the total budget allow. The first
/// attempt sends the request itself; a retry sends a fresh copy (a message can be sent only once), its body read from
/// the request once, at the first retry, so a call that succeeds at once copies nothing and allocates nothing here
/// (the budget is a deadline, not a timer). It reports back a <see cref="CallOutcome"/> (the response or the failure, and the
/// attempts made) and never throws.
/// </summary>
internal sealed class RetryLoop
{
    private readonly RetryOptions _retry;
    private readonly TimeProvider _timeProvider;
    private readonly AttemptHop _attempt;

    /// <param name="configuration">The client's settings (retry options, time provider).</param>
    /// <param name="attempt">The first step of each attempt.</param>
    public RetryLoop(ClientConfiguration configuration, AttemptHop attempt)
    {
        _retry = configuration.Options.Retry;
        _timeProvider = configuration.Options.TimeProvider;
        _attempt = attempt;
    }

    /// <summary>
    /// Statuses worth another attempt. 500 (<c>INTERNAL_ERROR</c>) is among them, but like 502 and 504 only for a
    /// replay-safe request (GET, PUT, DELETE, or any call with an <c>Idempotency-Key</c>): the server may have acted
    /// before it failed. 402, 412, 413 and 415 never are: the same request would get the same answer.
    /// </summary>
    public static bool IsRetryableStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>
    /// Failures of the network or of one attempt's time, as opposed to the caller cancelling. A TLS or proxy
    /// authentication failure is not transient: repeating it would only delay the same error.
    /// </summary>
    public static bool IsTransientException(Exception exception) => exception switch
    {
        AttemptTimeoutException => true,
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError or HttpRequestError.UserAuthenticationError } => false,
        HttpRequestException or IOException or SocketException => true,
        _ => false,
    };

    /// <summary>
    /// <c>min(base · 2^n, max)</c> spread by ± the jitter fraction, for retry <paramref name="retryIndex"/> (0 for the
    /// first retry); <paramref name="random"/> is uniform in [0, 1).
    /// </summary>
    public static TimeSpan ComputeBackoff(RetryOptions retry, int retryIndex, double random)
    {
        var exponential = retry.BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retryIndex, 62));
        var capped = Math.Min(exponential, retry.MaxDelay.TotalMilliseconds);
        var spread = retry.JitterFraction * ((random * 2) - 1);
        return TimeSpan.FromMilliseconds(Math.Max(0, capped * (1 + spread)));
    }

    /// <summary>Runs the attempts of <paramref name="call"/>, whose first attempt sends <paramref name="request"/>.</summary>
    public async Task<CallOutcome> SendAsync(CallContext call, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The budget bounds the whole call, waits included. It is a deadline, not a timer: each attempt folds what is
        // left of it into its own timeout (AttemptTimeout), and no wait starts that would run past it (ShouldRetry).
        var started = call.Started;
        var token = cancellationToken;

        ArraySegment<byte>? body = null;
        HttpRequestMessage? sent = null;
        HttpResponseMessage? response;
        Exception? failure;
        string? stopReason;
        int attempt;
        for (attempt = 1; ; attempt++)
        {
            // 1. Send. A retry sends a copy; the SDK's bodies are byte arrays, readable again after the first attempt.
            response = null;
            failure = null;
            HttpRequestMessage? copy = null;
            try
            {
                // A token the caller already cancelled sends nothing.
                token.ThrowIfCancellationRequested();
                if (attempt > 1 && request.Content is not null)
                {
                    // The SDK's JSON body is reused as it is; any other content is read once, at the first retry.
                    body ??= request.Content is JsonBodyContent json
                        ? new ArraySegment<byte>(json.Buffer, 0, json.Length)
                        : new ArraySegment<byte>(await request.Content.ReadAsByteArrayAsync(token).ConfigureAwait(false));
                }

                copy = attempt == 1 ? null : CopyRequest(request, body);
                var message = copy ?? request;
                sent = message;
                response = await _attempt.SendAsync(call, attempt, message, token).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Every failure is classified below; what is not retried is reported as it is or translated.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // A copy is this loop's to dispose; the request itself belongs to the caller.
                copy?.Dispose();

                failure = ex;
            }

            // 2. Classify and decide.
            var retryIndex = attempt - 1;
            if (!ShouldRetry(response, failure, retryIndex, call, token, out var delay, out stopReason))
            {
                break;
            }

            // 3. Wait (the server's Retry-After, or backoff), then go again.
            PgBeamTelemetry.RecordRetry(call.OperationId, attempt, delay, Describe(response, failure));
            response?.Dispose();
            if (delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(delay, _timeProvider, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex)
                {
                    response = null;
                    failure = ex;
                    stopReason = null;
                    break;
                }
            }
        }

        if (cancellationToken.IsCancellationRequested && (failure is not null || IsRetryableStatus(response!.StatusCode)))
        {
            // The caller cancelled during an attempt or a backoff wait: that is the outcome, whatever the attempt said.
            response?.Dispose();
            return CallOutcome.Failed(new OperationCanceledException("The PgBeam call was cancelled.", failure, cancellationToken), attempt, sent);
        }

        if (failure is null)
        {
            return CallOutcome.Answered(response!, attempt, sent!);
        }

        var translated = PgBeamErrorFactory.CallFailed(
            failure,
            call.OperationId,
            attempt,
            _timeProvider.GetElapsedTime(started),
            _retry.TotalBudget,
            BudgetRanOut(call, failure),
            stopReason);
        return CallOutcome.Failed(translated ?? failure, attempt, sent);
    }

    /// <summary>
    /// Whether the outcome of attempt <paramref name="retryIndex"/> + 1 is worth another attempt, and after how long.
    /// When a retryable failure is not retried (the count, the idempotency rule or the budget stops it), the reason
    /// goes into <paramref name="stopReason"/> for the error message.
    /// </summary>
    private bool ShouldRetry(
        HttpResponseMessage? response,
        Exception? failure,
        int retryIndex,
        CallContext call,
        CancellationToken token,
        out TimeSpan delay,
        out string? stopReason)
    {
        delay = TimeSpan.Zero;
        stopReason = null;
        var maxRetries = call.MaxRetries;
        if (token.IsCancellationRequested || BudgetRanOut(call, failure))
        {
            return false;
        }

        TimeSpan? retryAfter = null;
        if (failure is not null)
        {
            if (!IsTransientException(failure))
            {
                return false;
            }
        }
        else
        {
            if (!IsRetryableStatus(response!.StatusCode))
            {
                return false;
            }

            retryAfter = _retry.RespectRetryAfter ? RetryAfter.Parse(response.Headers, _timeProvider.GetUtcNow()) : null;
        }

        if (retryIndex >= maxRetries)
        {
            stopReason = maxRetries == 0 ? "retries are disabled" : $"MaxRetries ({maxRetries}) reached";
            return false;
        }

        if (!call.ReplaySafe && !SurelyNotProcessed(response, failure))
        {
            // A POST or PATCH without an Idempotency-Key may have been carried out already: repeating it could,
            // say, create a second credential. Only failures that prove the server did nothing are retried.
            stopReason = "not retried: the request has no Idempotency-Key and may have reached the server";
            return false;
        }

        delay = retryAfter ?? ComputeBackoff(_retry, retryIndex, Random.Shared.NextDouble());
        if (_timeProvider.GetElapsedTime(call.Started) + delay >= _retry.TotalBudget)
        {
            stopReason = string.Create(
                CultureInfo.InvariantCulture,
                $"the next retry (in {delay.TotalSeconds:0.###} s) would pass the {_retry.TotalBudget.TotalSeconds:0.###} s total budget");
            return false;
        }

        return true;
    }

    /// <summary>
    /// Whether the call's total budget has run out: its deadline has passed, or an attempt was cancelled without the
    /// caller asking, which only the budget's share of the attempt's deadline does (<see cref="AttemptTimeout"/> turns
    /// every other cancellation it did not owe to the caller into <see cref="AttemptTimeoutException"/>).
    /// </summary>
    private bool BudgetRanOut(CallContext call, Exception? failure) =>
        failure is OperationCanceledException || call.RemainingBudget(_timeProvider) == TimeSpan.Zero;

    /// <summary>Failures that show the server did not act on the request, so even a non-idempotent call may repeat.</summary>
    private static bool SurelyNotProcessed(HttpResponseMessage? response, Exception? failure) => failure switch
    {
        // 408: the server gave up waiting for the request; 429 and 503: it refused to take it on.
        null => response!.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable,
        // No connection was made, so nothing was sent.
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => true,
        SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound } => true,
        _ => false,
    };

    private static HttpRequestMessage CopyRequest(HttpRequestMessage original, ArraySegment<byte>? body)
    {
        var copy = new HttpRequestMessage(original.Method, original.RequestUri)
        {
            Version = original.Version,
            VersionPolicy = original.VersionPolicy,
        };
        foreach (var header in original.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (body is { } bytes)
        {
            copy.Content = new ByteArrayContent(bytes.Array!, bytes.Offset, bytes.Count);
            foreach (var header in original.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return copy;
    }

    private static string Describe(HttpResponseMessage? response, Exception? failure) =>
        failure is not null ? PgBeamErrorFactory.Describe(failure) : ((int)response!.StatusCode).ToString(CultureInfo.InvariantCulture);
}
