using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Http;

/// <summary>
/// Sets <c>Authorization: Bearer …</c> on each attempt. With a token provider it asks for a token before every
/// attempt (it sits inside the retry loop), within the configured time limit.
/// </summary>
internal sealed class AuthHandler : DelegatingHandler
{
    private readonly string? _apiKey;
    private readonly Func<CancellationToken, ValueTask<string>>? _tokenProvider;
    private readonly TimeSpan _tokenProviderTimeout;
    private readonly TimeProvider _timeProvider;

    public AuthHandler(ClientConfiguration configuration)
    {
        _apiKey = configuration.ApiKey;
        _tokenProvider = configuration.Options.TokenProvider;
        _tokenProviderTimeout = configuration.Options.TokenProviderTimeout;
        _timeProvider = configuration.Options.TimeProvider;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string token;
        if (_tokenProvider is null)
        {
            token = _apiKey!;
        }
        else
        {
            token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
            if (PgBeamRequestContext.Of(request) is { } context)
            {
                context.ProvidedToken = token;
            }
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Asks the provider for a token within the time limit. Every way it can fail (a synchronous throw, a faulted or
    /// cancelled task it did not owe to the caller, a null, empty or blank token) is a
    /// <see cref="PgBeamAuthenticationException"/> with the cause inside: not retried, and nothing is sent.
    /// </summary>
    private async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
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
            var delay = Task.Delay(_tokenProviderTimeout, _timeProvider, timeout.Token);
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
