using System;
using System.Net.Http;
using PgBeam.Diagnostics;

namespace PgBeam.Http;

/// <summary>
/// What one call carries down the pipeline, declared once when the call starts and never written afterwards: the
/// operation (id, path template, project id, body), the caller's options, what they decide (the idempotency key, the
/// attempt timeout, the retry limit, whether a repeat is safe) and the secrets a redactor must know. Every hop gets it
/// as an argument; what an attempt learns comes back as a return value (<see cref="CallOutcome"/>), never through it.
/// </summary>
internal sealed class CallContext
{
    /// <summary>
    /// Where the context rides on a message for code outside the SDK's hops: only the <c>IHttpClientFactory</c>
    /// transport puts it there, for <c>SecretFreeHttpClientLogger</c> in the factory's handler chain.
    /// </summary>
    private static readonly HttpRequestOptionsKey<CallContext> Key = new("PgBeam.CallContext");

    /// <summary>Custom header values shorter than this are not treated as secrets when redacting (they would mask common words).</summary>
    private const int MinimumHeaderSecretLength = 8;

    private readonly string? _apiKey;

    public CallContext(ApiRequest request, RequestOptions? options, ClientConfiguration configuration)
    {
        Request = request;
        Options = options;
        _apiKey = configuration.ApiKey;
        var clientOptions = configuration.Options;
        IdempotencyKey = options?.IdempotencyKey
            ?? (clientOptions.AutomaticIdempotencyKeys && IdempotencyKeys.WantsAutomaticKey(request.IdempotencyKeyUse, request.Method) ? RandomUuid.Next() : null);
        AttemptTimeout = options?.Timeout ?? clientOptions.Timeout;
        MaxRetries = options?.MaxRetries ?? clientOptions.Retry.MaxRetries;
        ReplaySafe = !IdempotencyKeys.IsUnsafeMethod(request.Method) || IdempotencyKey is not null;
        TotalBudget = clientOptions.Retry.TotalBudget;
        Started = clientOptions.TimeProvider.GetTimestamp();
    }

    /// <summary>When the call started, as a timestamp of the configured <see cref="TimeProvider"/>: the total budget counts from here.</summary>
    public long Started { get; }

    /// <summary>The call's total budget, waits included (<see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none).</summary>
    public TimeSpan TotalBudget { get; }

    /// <summary>
    /// What is left of the total budget now (zero once it has run out), or
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> without one: the call's one deadline, read, never timed.
    /// </summary>
    public TimeSpan RemainingBudget(TimeProvider timeProvider)
    {
        if (TotalBudget == System.Threading.Timeout.InfiniteTimeSpan)
        {
            return TotalBudget;
        }

        var left = TotalBudget - timeProvider.GetElapsedTime(Started);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>The operation as the generated client described it.</summary>
    public ApiRequest Request { get; }

    public string OperationId => Request.OperationId;

    /// <summary>The contract path without a leading slash (<c>v1/projects/{project_id}/agents</c>): safe to log.</summary>
    public string PathTemplate => Request.PathTemplate;

    /// <summary>The caller's per-call settings, if any.</summary>
    public RequestOptions? Options { get; }

    /// <summary>The call's one <c>Idempotency-Key</c> (the caller's, or an automatic one), sent with every attempt; null for none.</summary>
    public string? IdempotencyKey { get; }

    /// <summary>How long one attempt may take (<see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for no limit).</summary>
    public TimeSpan AttemptTimeout { get; }

    /// <summary>How many retries the call may make after its first attempt.</summary>
    public int MaxRetries { get; }

    /// <summary>Whether repeating the request cannot do anything twice (a safe method, or an idempotency key).</summary>
    public bool ReplaySafe { get; }

    /// <summary>
    /// A redactor for text the call puts in a message: it knows the key, or the token a provider supplied for
    /// <paramref name="sent"/> (read back from its <c>Authorization</c> header), the body's <c>x-sensitive</c> values
    /// and the custom header values, besides the shapes every redactor masks.
    /// </summary>
    /// <param name="sent">The message an attempt sent, or null when none was.</param>
    public SecretRedactor CreateRedactor(HttpRequestMessage? sent)
    {
        var redactor = new SecretRedactor()
            .Add(_apiKey)
            .Add(sent?.Headers.Authorization?.Parameter)
            .AddSensitiveValuesOf(Request.Body);
        if (Options is not null)
        {
            foreach (var value in Options.Headers.Values)
            {
                if (value.Length >= MinimumHeaderSecretLength)
                {
                    redactor.Add(value);
                }
            }
        }

        return redactor;
    }

    /// <summary>Puts the context on <paramref name="message"/> for handlers outside the SDK (see <see cref="Key"/>).</summary>
    public void AttachTo(HttpRequestMessage message) => message.Options.Set(Key, this);

    /// <summary>The context <see cref="AttachTo"/> put on <paramref name="message"/>, or null.</summary>
    public static CallContext? Of(HttpRequestMessage message) =>
        message.Options.TryGetValue(Key, out var context) ? context : null;
}
