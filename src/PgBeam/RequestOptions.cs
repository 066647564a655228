using System;
using System.Collections.Generic;

namespace PgBeam;

/// <summary>
/// Per-call settings, passed as the <c>requestOptions</c> argument of any operation. Every property is optional.
/// </summary>
public sealed class RequestOptions
{
    /// <summary>
    /// The <c>Idempotency-Key</c> to send on a POST or PATCH instead of a generated one, for example to make a retry
    /// of your own job idempotent across processes. Sent exactly as given, on every attempt of the call.
    /// </summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Overrides <see cref="PgBeamClientOptions.Timeout"/> (the per-attempt timeout) for this call.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Overrides <see cref="RetryOptions.MaxRetries"/> for this call (0 disables retries).</summary>
    public int? MaxRetries { get; set; }

    /// <summary>
    /// Extra request headers for this call (for example a tracing header). They cannot replace the headers the SDK
    /// owns: <c>Authorization</c>, <c>Idempotency-Key</c> (use <see cref="IdempotencyKey"/>), <c>User-Agent</c>.
    /// </summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Called once with the raw status and headers of the final successful response (request id, rate-limit
    /// headers), before the typed result is returned.
    /// </summary>
    public Action<PgBeamResponseInfo>? OnResponse { get; set; }

    /// <summary>Describes the options without header values, which may be secret.</summary>
    public override string ToString() =>
        $"RequestOptions {{ IdempotencyKey = {(IdempotencyKey is null ? "auto" : "set")}, Timeout = {Timeout?.ToString() ?? "default"}, MaxRetries = {MaxRetries?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"}, Headers = [{string.Join(", ", Headers.Keys)}] }}";
}
