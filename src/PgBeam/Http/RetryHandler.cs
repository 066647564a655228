using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace PgBeam.Http;

/// <summary>
/// The only place retries are decided: one Polly retry strategy per client. Retries 408, 429, 500, 502, 503, 504 and
/// network failures (refused, reset, an attempt timing out) with backoff <c>min(base · 2^n, max)</c> ± jitter, or
/// the server's <c>Retry-After</c>, while the call's retry count and the total budget allow. The first attempt sends
/// the request itself; a retry sends a fresh copy (a message can be sent only once), its body read from the request
/// once, at the first retry, so a call that succeeds at once copies nothing.
/// </summary>
internal sealed class RetryHandler : DelegatingHandler
{
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
                // The limit is per call (RequestOptions.MaxRetries) and shares the decision with the budget, so
                // ShouldHandle enforces it; the delay is computed there too, and DelayGenerator hands it to Polly.
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Constant,
                Delay = TimeSpan.Zero,
                UseJitter = false,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.AttemptNumber, args.Context)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(StateOf(args.Context).NextDelay),
                OnRetry = args =>
                {
                    var state = StateOf(args.Context);
                    state.Retries++;
                    PgBeamTelemetry.RecordRetry(state.OperationId, state.Attempts, args.RetryDelay, Describe(args.Outcome));
                    return default;
                },
            })
            .Build();
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

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requestContext = PgBeamRequestContext.Of(request);
        var state = new CallState(
            requestContext,
            requestContext?.OperationId ?? request.Method.Method,
            requestContext?.Options?.MaxRetries ?? _retry.MaxRetries,
            replaySafe: !IdempotencyKeyHandler.IsUnsafeMethod(request.Method) || request.Headers.Contains(IdempotencyKeyHandler.HeaderName),
            _timeProvider.GetTimestamp());

        // The budget bounds the whole call, waits included: it ends an attempt or a wait that would run past it.
        using var budget = new CancellationTokenSource(_retry.TotalBudget, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        var resilienceContext = ResilienceContextPool.Shared.Get(linked.Token);
        resilienceContext.Properties.Set(StateKey, state);
        Outcome<HttpResponseMessage> outcome;
        try
        {
            outcome = await _pipeline.ExecuteOutcomeAsync(
                static async (context, arguments) =>
                {
                    var (handler, original, callState) = arguments;
                    callState.Attempts++;
                    if (callState.RequestContext is { } requestContext)
                    {
                        requestContext.Attempts = callState.Attempts;
                    }

                    HttpRequestMessage? attempt = null;
                    try
                    {
                        // The SDK's bodies are byte arrays, readable again after the first attempt sent them.
                        if (callState.Attempts > 1 && original.Content is not null)
                        {
                            callState.Body ??= await original.Content.ReadAsByteArrayAsync(context.CancellationToken).ConfigureAwait(false);
                        }

                        attempt = callState.Attempts == 1 ? original : CopyRequest(original, callState.Body);
                        return Outcome.FromResult(await handler.SendAttemptAsync(attempt, context.CancellationToken).ConfigureAwait(false));
                    }
#pragma warning disable CA1031 // Every failure becomes an outcome: ShouldRetry decides, and Translate rethrows what it does not know.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        // A copy is this loop's to dispose; the request itself belongs to the caller.
                        if (attempt is not null && !ReferenceEquals(attempt, original))
                        {
                            attempt.Dispose();
                        }

                        return Outcome.FromException<HttpResponseMessage>(ex);
                    }
                },
                resilienceContext,
                (this, request, state)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilienceContext);
        }

        if (cancellationToken.IsCancellationRequested && (outcome.Exception is not null || IsRetryableStatus(outcome.Result!.StatusCode)))
        {
            // The caller cancelled during an attempt or a backoff wait: that is the outcome, whatever the attempt said.
            outcome.Result?.Dispose();
            throw new OperationCanceledException("The PgBeam call was cancelled.", outcome.Exception, cancellationToken);
        }

        if (outcome.Exception is null)
        {
            return outcome.Result!;
        }

        var translated = PgBeamErrorFactory.CallFailed(
            outcome.Exception,
            state.OperationId,
            state.Attempts,
            _timeProvider.GetElapsedTime(state.StartTimestamp),
            _retry.TotalBudget,
            budget.IsCancellationRequested,
            state.StopReason);
        if (translated is null)
        {
            ExceptionDispatchInfo.Throw(outcome.Exception);
        }

        throw translated;
    }

    private Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage attempt, CancellationToken cancellationToken) =>
        base.SendAsync(attempt, cancellationToken);

    private static CallState StateOf(ResilienceContext context) => context.Properties.GetValue(StateKey, null!);

    private bool ShouldRetry(Outcome<HttpResponseMessage> outcome, int attemptNumber, ResilienceContext context)
    {
        var state = StateOf(context);
        if (context.CancellationToken.IsCancellationRequested)
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
        else
        {
            var response = outcome.Result!;
            if (!IsRetryableStatus(response.StatusCode))
            {
                return false;
            }

            retryAfter = _retry.RespectRetryAfter ? RetryAfter.Parse(response.Headers, _timeProvider.GetUtcNow()) : null;
        }

        if (attemptNumber >= state.MaxRetries)
        {
            state.StopReason = state.MaxRetries == 0 ? "retries are disabled" : $"MaxRetries ({state.MaxRetries}) reached";
            return false;
        }

        if (!state.ReplaySafe && !SurelyNotProcessed(outcome))
        {
            // A POST or PATCH without an Idempotency-Key may have been carried out already: repeating it could,
            // say, create a second credential. Only failures that prove the server did nothing are retried.
            state.StopReason = "not retried: the request has no Idempotency-Key and may have reached the server";
            return false;
        }

        var delay = retryAfter ?? ComputeBackoff(_retry, attemptNumber, Random.Shared.NextDouble());
        var elapsed = _timeProvider.GetElapsedTime(state.StartTimestamp);
        if (elapsed + delay >= _retry.TotalBudget)
        {
            state.StopReason = string.Create(
                CultureInfo.InvariantCulture,
                $"the next retry (in {delay.TotalSeconds:0.###} s) would pass the {_retry.TotalBudget.TotalSeconds:0.###} s total budget");
            return false;
        }

        state.NextDelay = delay;
        return true;
    }

    /// <summary>Failures that show the server did not act on the request, so even a non-idempotent call may repeat.</summary>
    private static bool SurelyNotProcessed(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        // 408: the server gave up waiting for the request; 429 and 503: it refused to take it on.
        null => outcome.Result!.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable,
        // No connection was made, so nothing was sent.
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => true,
        SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound } => true,
        _ => false,
    };

    private static HttpRequestMessage CopyRequest(HttpRequestMessage original, byte[]? body)
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

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception ? PgBeamErrorFactory.Describe(exception) : ((int)outcome.Result!.StatusCode).ToString(CultureInfo.InvariantCulture);

    /// <summary>What the retry loop knows about one call.</summary>
    private sealed class CallState(PgBeamRequestContext? requestContext, string operationId, int maxRetries, bool replaySafe, long startTimestamp)
    {
        public PgBeamRequestContext? RequestContext { get; } = requestContext;

        public string OperationId { get; } = operationId;

        public int MaxRetries { get; } = maxRetries;

        /// <summary>Whether repeating the request cannot do anything twice (a safe method, or an idempotency key).</summary>
        public bool ReplaySafe { get; } = replaySafe;

        public long StartTimestamp { get; } = startTimestamp;

        public int Attempts { get; set; }

        public int Retries { get; set; }

        public TimeSpan NextDelay { get; set; }

        /// <summary>The request body, read at the first retry (null until then, or when there is none).</summary>
        public byte[]? Body { get; set; }

        /// <summary>Why the loop stopped while the last failure was still retryable, for the error message.</summary>
        public string? StopReason { get; set; }
    }
}
