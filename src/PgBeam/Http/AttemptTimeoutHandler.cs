using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Http;

/// <summary>
/// Bounds one attempt (send and body read) by the per-attempt timeout, measured on the configured
/// <see cref="TimeProvider"/>. A timeout becomes <see cref="AttemptTimeoutException"/> (retryable); the caller's
/// own cancellation passes through as <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class AttemptTimeoutHandler(ClientConfiguration configuration) : DelegatingHandler
{
    private readonly TimeSpan _defaultTimeout = configuration.Options.Timeout;
    private readonly TimeProvider _timeProvider = configuration.Options.TimeProvider;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var timeout = PgBeamRequestContext.Of(request)?.Options?.Timeout ?? _defaultTimeout;
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        using var timeoutSource = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            return await base.SendAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Our timer fired, or a caller-supplied HttpClient's own Timeout did: either way the attempt timed out.
            throw new AttemptTimeoutException(timeout, ex);
        }
    }
}
