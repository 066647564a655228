using System;

namespace PgBeam;

/// <summary>
/// How the SDK retries 408, 429, 502, 503, 504 and network failures (connection refused or reset, an attempt timing
/// out): exponential backoff <c>min(<see cref="BaseDelay"/> · 2^n, <see cref="MaxDelay"/>)</c> with
/// ±<see cref="JitterFraction"/> jitter, or the server's <c>Retry-After</c>, until <see cref="MaxRetries"/> or
/// <see cref="TotalBudget"/> runs out; then the last error is thrown. Every attempt of a POST or PATCH carries the
/// same <c>Idempotency-Key</c>; one sent without a key (automatic keys off) is retried only after failures that show
/// the server did nothing with it (408, 429, 503, a refused connection).
/// </summary>
public sealed class RetryOptions
{
    /// <summary>Retries after the first attempt; 0 disables retrying. Default 5.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first backoff delay, doubled for each retry. Default 500 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest backoff delay. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Random spread of each delay, as a fraction of it (0.5 = ±50 %). Default 0.5.</summary>
    public double JitterFraction { get; set; } = 0.5;

    /// <summary>The time a call may take in all, attempts and waits together; no retry starts past it. Default 120 s.</summary>
    public TimeSpan TotalBudget { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Whether a <c>Retry-After</c> header (seconds or HTTP-date) decides the wait when present. Default true.</summary>
    public bool RespectRetryAfter { get; set; } = true;

    /// <summary>A copy, so a client keeps the settings it was built with.</summary>
    public RetryOptions Clone() => (RetryOptions)MemberwiseClone();

    /// <summary>Describes the settings.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"RetryOptions {{ MaxRetries = {MaxRetries}, BaseDelay = {BaseDelay}, MaxDelay = {MaxDelay}, JitterFraction = {JitterFraction}, TotalBudget = {TotalBudget} }}");
}
