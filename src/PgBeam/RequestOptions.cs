using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;

namespace PgBeam;

/// <summary>
/// Per-call settings, passed as the <c>requestOptions</c> argument of any operation. Every property is optional.
/// </summary>
/// <example>
/// <code>
/// var options = new RequestOptions { IdempotencyKey = "job-42-create-credential", Timeout = TimeSpan.FromSeconds(10) };
/// options.Headers["X-Correlation-Id"] = correlationId;
/// options.OnResponse = response => Console.WriteLine(response.RequestId);
/// </code>
/// </example>
public sealed class RequestOptions
{
    /// <summary>The SDK's own headers, which <see cref="Headers"/> cannot set.</summary>
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Idempotency-Key", "User-Agent", "Accept", "Content-Type", "Content-Length", "Host", "Transfer-Encoding",
    };

    /// <summary>The characters that separate parts of a header and so cannot appear in its name (RFC 9110 "delimiters").</summary>
    private static readonly SearchValues<char> HeaderNameDelimiters = SearchValues.Create("\"(),/:;<=>?@[\\]{}");

    /// <summary>What a header value may contain: printable ASCII, space and horizontal tab.</summary>
    private static readonly SearchValues<char> HeaderValueCharacters = SearchValues.Create("\t !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>
    /// The <c>Idempotency-Key</c> to send instead of a generated one, for example to make a retry of your own job
    /// idempotent across processes. Sent exactly as given, on every attempt of the call, whatever the method
    /// and whether or not <see cref="PgBeamClientOptions.AutomaticIdempotencyKeys"/> is on. 1 to 255 printable
    /// ASCII characters.
    /// </summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>
    /// Overrides <see cref="PgBeamClientOptions.Timeout"/> (the per-attempt timeout) for this call. Positive, or
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.
    /// </summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Overrides <see cref="RetryOptions.MaxRetries"/> for this call (0 disables retries).</summary>
    public int? MaxRetries { get; set; }

    /// <summary>
    /// Extra request headers for this call (for example a tracing header). They cannot replace the headers the SDK
    /// owns: <c>Authorization</c>, <c>Idempotency-Key</c> (use <see cref="IdempotencyKey"/>), <c>User-Agent</c>,
    /// <c>Accept</c> and the content headers.
    /// </summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Called once with the raw status and headers of the final successful response (request id, rate-limit
    /// headers), before the typed result is returned. Not called when the call fails.
    /// </summary>
    public Action<PgBeamResponseInfo>? OnResponse { get; set; }

    /// <summary>Describes the options without the idempotency key or header values, which may be secret.</summary>
    public override string ToString() =>
        $"RequestOptions {{ IdempotencyKey = {(IdempotencyKey is null ? "auto" : "set")}, Timeout = {Timeout?.ToString() ?? "default"}, MaxRetries = {MaxRetries?.ToString(CultureInfo.InvariantCulture) ?? "default"}, Headers = [{string.Join(", ", Headers.Keys)}] }}";

    /// <summary>Checks every setting before anything is sent; messages name the setting, never a header value.</summary>
    /// <exception cref="ArgumentException">A setting is unusable.</exception>
    internal void Validate()
    {
        if (IdempotencyKey is not null && (IdempotencyKey.Length is 0 or > 255 || !IsPrintableAscii(IdempotencyKey)))
        {
            throw new ArgumentException("RequestOptions.IdempotencyKey must be 1 to 255 printable ASCII characters without spaces; nothing was sent.", "requestOptions");
        }

        if (Timeout is { } timeout && timeout <= TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("RequestOptions.Timeout must be positive (or Timeout.InfiniteTimeSpan); nothing was sent.", "requestOptions");
        }

        if (MaxRetries < 0)
        {
            throw new ArgumentException("RequestOptions.MaxRetries cannot be negative; nothing was sent.", "requestOptions");
        }

        foreach (var header in Headers)
        {
            if (ReservedHeaders.Contains(header.Key))
            {
                throw new ArgumentException($"RequestOptions.Headers cannot set '{header.Key}': the SDK owns that header; nothing was sent.", "requestOptions");
            }

            if (header.Key.Length == 0 || !IsPrintableAscii(header.Key) || header.Key.AsSpan().ContainsAny(HeaderNameDelimiters))
            {
                throw new ArgumentException("RequestOptions.Headers has a header name that is not a valid HTTP token; nothing was sent.", "requestOptions");
            }

            if (header.Value is null || header.Value.AsSpan().ContainsAnyExcept(HeaderValueCharacters))
            {
                // The value is not quoted: it may be a secret. A line break, a control character or a non-ASCII one
                // (é, 日本, U+2028) cannot travel in an HTTP/1.1 header; the transport would fail on it only later.
                throw new ArgumentException(
                    $"RequestOptions.Headers['{header.Key}'] is null or contains a character an HTTP header cannot carry (a line break, a control character or a non-ASCII character); only printable ASCII, spaces and tabs are allowed; nothing was sent.",
                    "requestOptions");
            }
        }
    }

    private static bool IsPrintableAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < '\u0021' or > '\u007e')
            {
                return false;
            }
        }

        return true;
    }
}
