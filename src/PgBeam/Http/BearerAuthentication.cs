using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Http;

/// <summary>
/// Sets <c>Authorization: Bearer …</c> on each attempt. With a token provider it asks for a token before every
/// attempt (it is a step of the attempt, inside the retry loop), within the configured time limit; with an API key
/// every attempt carries the same header value, built once.
/// </summary>
internal sealed class BearerAuthentication : AttemptHop
{
    private readonly AuthenticationHeaderValue? _keyHeader;
    private readonly string? _apiKey;
    private readonly Func<CancellationToken, ValueTask<string>>? _tokenProvider;
    private readonly TimeSpan _tokenProviderTimeout;
    private readonly TimeProvider _timeProvider;

    public BearerAuthentication(ClientConfiguration configuration)
    {
        _apiKey = configuration.ApiKey;
        _tokenProvider = configuration.Options.TokenProvider;
        _tokenProviderTimeout = configuration.Options.TokenProviderTimeout;
        _timeProvider = configuration.Options.TimeProvider;
        _keyHeader = _tokenProvider is null ? new AuthenticationHeaderValue("Bearer", _apiKey) : null;
    }

    public override Task<HttpResponseMessage> SendAsync(CallContext call, int attempt, HttpRequestMessage message, CancellationToken cancellationToken)
    {
        // The token travels in the header only: a redactor reads it back from the message the attempt sent.
        if (_keyHeader is not null)
        {
            // A fixed key: nothing to wait for, so this step adds no state machine of its own to the attempt.
            message.Headers.Authorization = _keyHeader;
            return NextAsync(call, attempt, message, cancellationToken);
        }

        return SendWithProvidedTokenAsync(call, attempt, message, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWithProvidedTokenAsync(CallContext call, int attempt, HttpRequestMessage message, CancellationToken cancellationToken)
    {
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await GetTokenAsync(call, cancellationToken).ConfigureAwait(false));
        return await NextAsync(call, attempt, message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Asks the provider for a token within the time limit. Every way it can fail (a synchronous throw, a faulted or
    /// cancelled task it did not owe to the caller, a null, empty or blank token) is a
    /// <see cref="PgBeamAuthenticationException"/> with the cause inside: not retried, and nothing is sent.
    /// </summary>
    /// <summary>
    /// Asks the provider, waiting at most <see cref="PgBeamClientOptions.TokenProviderTimeout"/> or what is left of the
    /// call's total budget, whichever ends first (the budget running out ends the call as it would during a send).
    /// </summary>
    private async Task<string> GetTokenAsync(CallContext call, CancellationToken cancellationToken)
    {
        var remaining = call.RemainingBudget(_timeProvider);
        var budgetBinds = remaining != Timeout.InfiniteTimeSpan && (_tokenProviderTimeout == Timeout.InfiniteTimeSpan || remaining < _tokenProviderTimeout);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<string> providerTask;
        try
        {
            // A provider that is not an async method can throw here, before it returns any task.
            providerTask = _tokenProvider!(timeout.Token).AsTask();
        }
        catch (Exception ex) when (!IsCallerCancellation(ex, cancellationToken))
        {
            throw PgBeamErrorFactory.TokenProviderFailed(ex);
        }

        if (!providerTask.IsCompleted)
        {
            var delay = Task.Delay(budgetBinds ? remaining : _tokenProviderTimeout, _timeProvider, timeout.Token);
            var finished = await Task.WhenAny(providerTask, delay).ConfigureAwait(false);
            if (finished != providerTask)
            {
                // The provider is abandoned; observe its eventual failure so it does not surface as an unobserved exception.
                _ = providerTask.ContinueWith(
                    static task => _ = task.Exception,
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
                cancellationToken.ThrowIfCancellationRequested();
                await timeout.CancelAsync().ConfigureAwait(false);
                if (budgetBinds)
                {
                    // Not the caller's cancellation: the retry loop reads it, with the deadline passed, as the budget running out.
                    throw new OperationCanceledException("The call's total budget ran out while the token provider was asked.");
                }

                throw PgBeamErrorFactory.TokenProviderTimedOut(_tokenProviderTimeout);
            }

            await timeout.CancelAsync().ConfigureAwait(false);
        }

        string? token;
        try
        {
            token = await providerTask.ConfigureAwait(false);
        }
        catch (Exception ex) when (!IsCallerCancellation(ex, cancellationToken))
        {
            throw PgBeamErrorFactory.TokenProviderFailed(ex);
        }

        try
        {
            ClientConfiguration.ValidateToken(token!, "TokenProvider");
        }
        catch (ArgumentException ex)
        {
            // ValidateToken's message describes the token without quoting it.
            throw PgBeamErrorFactory.UnusableToken(ex);
        }

        return token!;
    }

    /// <summary>A cancellation the caller (or the call's budget) asked for, which stays a cancellation.</summary>
    private static bool IsCallerCancellation(Exception exception, CancellationToken cancellationToken) =>
        exception is OperationCanceledException && cancellationToken.IsCancellationRequested;
}
