using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace PgBeam.Http;

/// <summary>
/// The only place retries are decided: one Polly retry strategy per client. Retries 408, 429, 502, 503, 504 and
/// network failures (refused, reset, attempt timeout) with backoff <c>min(base · 2^n, max)</c> ± jitter, or the
/// server's <c>Retry-After</c>, while the retry count and the total budget allow. Each attempt sends a fresh copy
/// of the request, with the body buffered once.
/// </summary>
internal sealed class RetryHandler : DelegatingHandler
{
    private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("PgBeam.Request");
    private static readonly ResiliencePropertyKey<CallState> StateKey = new("PgBeam.CallState");

    private readonly RetryOptions _retry;
    private readonly TimeProvider _timeProvider;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public RetryHandler(ClientConfiguration configuration)
    {
        _retry = configuration.Options.Retry;
        _timeProvider = configuration.Options.TimeProvider;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _timeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = int.MaxValue, // the real limit is per call, checked in ShouldHandle
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.AttemptNumber, args.Context)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Context.Properties.GetValue(StateKey, null!).NextDelay),
                OnRetry = args =>
                {
                    args.Context.Properties.GetValue(StateKey, null!).Retries++;
                    PgBeamTelemetry.RecordRetry(args.Context.Properties.GetValue(StateKey, null!).OperationId);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Statuses worth another attempt.</summary>
    public static bool IsRetryableStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>Failures of the network or of one attempt's time, as opposed to the caller cancelling.</summary>
    public static bool IsTransientException(Exception exception) =>
        exception is HttpRequestException or IOException or SocketException or AttemptTimeoutException;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requestContext = PgBeamRequestContext.Of(request);
        var state = new CallState(
            requestContext?.OperationId ?? "unknown",
            requestContext?.Options?.MaxRetries ?? _retry.MaxRetries,
            _timeProvider.GetTimestamp());
        if (state.MaxRetries < 0)
        {
            throw new ArgumentException("RequestOptions.MaxRetries cannot be negative.", "requestOptions");
        }

        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);

        // The budget bounds the whole call, waits included; it ends an attempt or a wait that would run past it.
        using var budget = new CancellationTokenSource(_retry.TotalBudget, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        var context = ResilienceContextPool.Shared.Get(linked.Token);
        context.Properties.Set(RequestKey, request);
        context.Properties.Set(StateKey, state);
        try
        {
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                async (ctx, handler) =>
                {
                    var attempt = CopyRequest(ctx.Properties.GetValue(RequestKey, null!), body);
                    var callState = ctx.Properties.GetValue(StateKey, null!);
                    callState.Attempts++;
                    if (requestContext is not null)
                    {
                        requestContext.Attempts = callState.Attempts;
                    }

                    try
                    {
                        return Outcome.FromResult(await handler.SendAttemptAsync(attempt, ctx.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception ex)
                    {
                        attempt.Dispose();
                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                context,
                this).ConfigureAwait(false);

            if (outcome.Exception is null)
            {
                return outcome.Result!;
            }

            throw Translate(outcome.Exception, state, budget.IsCancellationRequested, cancellationToken);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage attempt, CancellationToken cancellationToken) =>
        base.SendAsync(attempt, cancellationToken);

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, int attemptNumber, ResilienceContext context)
    {
        var state = context.Properties.GetValue(StateKey, null!);
        if (context.CancellationToken.IsCancellationRequested || attemptNumber >= state.MaxRetries)
        {
            return false;
        }

        TimeSpan? retryAfter = null;
        if (outcome.Exception is { } exception)
        {
            if (!IsTransientException(exception))
            {
                return false;
            }
        }
        else if (outcome.Result is { } response)
        {
            if (!IsRetryableStatus(response.StatusCode))
            {
                return false;
            }

            retryAfter = _retry.RespectRetryAfter ? RetryAfter.Parse(response.Headers, _timeProvider.GetUtcNow()) : null;
        }

        var delay = retryAfter ?? Backoff(attemptNumber);
        var elapsed = _timeProvider.GetElapsedTime(state.StartTimestamp);
        if (elapsed + delay >= _retry.TotalBudget)
        {
            return false;
        }

        state.NextDelay = delay;
        return true;
    }

    /// <summary><c>min(base · 2^n, max)</c>, spread by ± the jitter fraction.</summary>
    private TimeSpan Backoff(int attemptNumber)
    {
        var exponential = _retry.BaseDelay.TotalMilliseconds * Math.Pow(2, attemptNumber);
        var capped = Math.Min(exponential, _retry.MaxDelay.TotalMilliseconds);
        var jitter = _retry.JitterFraction * ((Random.Shared.NextDouble() * 2) - 1);
        return TimeSpan.FromMilliseconds(Math.Max(0, capped * (1 + jitter)));
    }

    private static HttpRequestMessage CopyRequest(HttpRequestMessage original, byte[]? body)
    {
        var copy = new HttpRequestMessage(original.Method, original.RequestUri) { Version = original.Version, VersionPolicy = original.VersionPolicy };
        foreach (var header in original.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in original.Options)
        {
            ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        }

        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var header in original.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return copy;
    }

    private Exception Translate(Exception exception, CallState state, bool budgetExpired, CancellationToken callerToken)
    {
        var elapsed = _timeProvider.GetElapsedTime(state.StartTimestamp);
        if (callerToken.IsCancellationRequested)
        {
            return exception as OperationCanceledException ?? new OperationCanceledException("The call was cancelled.", exception, callerToken);
        }

        if (budgetExpired && exception is OperationCanceledException or AttemptTimeoutException)
        {
            return new PgBeamTimeoutException(
                $"{state.OperationId} timed out: the total retry budget of {_retry.TotalBudget.TotalSeconds:0.###} s ran out after {state.Attempts} attempt(s).",
                state.Attempts, elapsed, exception);
        }

        return exception switch
        {
            AttemptTimeoutException timeout => new PgBeamTimeoutException(
                $"{state.OperationId} timed out: each of {state.Attempts} attempt(s) ran past the {timeout.Timeout.TotalSeconds:0.###} s attempt timeout.",
                state.Attempts, elapsed, exception),
            HttpRequestException or IOException or SocketException => new PgBeamNetworkException(
                $"{state.OperationId} failed: the PgBeam API could not be reached after {state.Attempts} attempt(s) ({Describe(exception)}).",
                state.Attempts, elapsed, timedOut: false, exception),
            _ => exception,
        };
    }

    private static string Describe(Exception exception) => exception switch
    {
        HttpRequestException { HttpRequestError: var error } when error != HttpRequestError.Unknown => error.ToString(),
        _ => exception.GetType().Name,
    };

    [DebuggerDisplay("{OperationId} attempt {Attempts}")]
    private sealed class CallState(string operationId, int maxRetries, long startTimestamp)
    {
        public string OperationId { get; } = operationId;

        public int MaxRetries { get; } = maxRetries;

        public long StartTimestamp { get; } = startTimestamp;

        public int Attempts { get; set; }

        public int Retries { get; set; }

        public TimeSpan NextDelay { get; set; }
    }
}
