using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Http;

/// <summary>
/// Bounds one attempt (send and body read) by one deadline: the per-attempt timeout
/// (<see cref="RequestOptions.Timeout"/>, else <see cref="PgBeamClientOptions.Timeout"/>) or what is left of the
/// call's total budget (<see cref="RetryOptions.TotalBudget"/>), whichever ends first, measured on the configured
/// <see cref="TimeProvider"/>. One cancellation source per attempt carries that deadline and the caller's token (one
/// registration, no linked source); the budget needs no timer of its own. The attempt timeout firing becomes
/// <see cref="AttemptTimeoutException"/>, which the retry loop may retry; the budget running out, or the caller
/// cancelling, passes through as <see cref="OperationCanceledException"/> (the retry loop tells the two apart).
/// </summary>
internal sealed class AttemptTimeout(TimeProvider timeProvider) : AttemptHop
{
    public override async Task<HttpResponseMessage> SendAsync(CallContext call, int attempt, HttpRequestMessage message, CancellationToken cancellationToken)
    {
        var timeout = call.AttemptTimeout;
        var remaining = call.RemainingBudget(timeProvider);

        // The budget binds when it ends no later than the attempt timeout would (an infinite span is the longest).
        var budgetBinds = remaining != Timeout.InfiniteTimeSpan && (timeout == Timeout.InfiniteTimeSpan || remaining <= timeout);
        var deadline = budgetBinds ? remaining : timeout;
        using var attemptSource = deadline == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(deadline, timeProvider);
        using var callerLink = attemptSource is null
            ? default
            : cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), attemptSource);
        try
        {
            return await NextAsync(call, attempt, message, attemptSource?.Token ?? cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && !(budgetBinds && attemptSource!.IsCancellationRequested))
        {
            // Our timer fired, or a caller-supplied HttpClient's own Timeout did: either way this attempt timed out.
            throw new AttemptTimeoutException(attemptSource?.IsCancellationRequested == true ? timeout : null, ex);
        }
    }
}
