using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Http;

/// <summary>
/// Bounds one attempt (send and body read) by the per-attempt timeout (<see cref="RequestOptions.Timeout"/>, else
/// <see cref="PgBeamClientOptions.Timeout"/>), measured on the configured <see cref="TimeProvider"/>. A timeout
/// becomes <see cref="AttemptTimeoutException"/>, which the retry loop may retry; a cancellation from above
/// (the caller's token, or the call's budget) passes through as <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class AttemptTimeout(TimeProvider timeProvider) : AttemptHop
{
    public override async Task<HttpResponseMessage> SendAsync(CallContext call, int attempt, HttpRequestMessage message, CancellationToken cancellationToken)
    {
        var timeout = call.AttemptTimeout;
        using var timeoutSource = timeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(timeout, timeProvider);
        using var linked = timeoutSource is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            return await NextAsync(call, attempt, message, linked?.Token ?? cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Our timer fired, or a caller-supplied HttpClient's own Timeout did: either way this attempt timed out.
            throw new AttemptTimeoutException(timeoutSource?.IsCancellationRequested == true ? timeout : null, ex);
        }
    }
}
