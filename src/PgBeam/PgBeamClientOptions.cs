using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace PgBeam;

/// <summary>
/// Settings of a <see cref="PgBeamClient"/>. Everything is optional: left empty, the API key comes from the
/// <c>PGBEAM_API_KEY</c>, <c>PGBEAM_TOKEN</c> or <c>PGBEAM_API_TOKEN</c> environment variable (first non-empty wins)
/// and the base URL from <c>PGBEAM_API_URL</c>.
/// </summary>
public sealed class PgBeamClientOptions
{
    /// <summary>The production API.</summary>
    public const string DefaultBaseUrl = "https://api.pgbeam.com";

    /// <summary>The default of <see cref="MaxResponseBytes"/>: 32 MiB.</summary>
    public const long DefaultMaxResponseBytes = 32L * 1024 * 1024;

    private string _baseUrl = DefaultBaseUrl;
    private TimeSpan _timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The API key or token sent as <c>Authorization: Bearer …</c>: a project key (<c>pgb_</c>), an organization key
    /// (<c>pbo_</c>), a personal key (<c>pbu_</c>) or a JWT. The server decides what it may do. Never printed.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Where requests go. Default <see cref="DefaultBaseUrl"/>, or <c>PGBEAM_API_URL</c> when this is not set.
    /// Must be absolute and <c>https</c>, except <c>http</c> to a loopback host for local testing.
    /// </summary>
    public string BaseUrl
    {
        get => _baseUrl;
        set
        {
            _baseUrl = value;
            BaseUrlWasSet = true;
        }
    }

    /// <summary>
    /// An <see cref="System.Net.Http.HttpClient"/> you own (proxies, custom TLS, test handlers). The SDK sends through
    /// it with its own auth, retries and error mapping, never changes it and never disposes it. Its
    /// <see cref="System.Net.Http.HttpClient.BaseAddress"/> is ignored: <see cref="BaseUrl"/> decides where requests go.
    /// Its <see cref="System.Net.Http.HttpClient.Timeout"/> still caps the wait for each attempt's response headers (it
    /// then counts as an attempt timeout, and is retried like one); the body is read under <see cref="Timeout"/> and
    /// <see cref="MaxResponseBytes"/>. The SDK refuses redirects but cannot change this client: give it a handler with
    /// <c>AllowAutoRedirect = false</c>, or it follows a 307/308 (re-sending the body) before the SDK refuses the answer.
    /// </summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>
    /// Supplies the bearer token before each attempt, for keys that rotate or short-lived JWTs. Used instead of
    /// <see cref="ApiKey"/> when set. It is given <see cref="TokenProviderTimeout"/> to answer.
    /// </summary>
    public Func<CancellationToken, ValueTask<string>>? TokenProvider { get; set; }

    /// <summary>How long <see cref="TokenProvider"/> may take before the call fails with a timeout. Default 10 s.</summary>
    public TimeSpan TokenProviderTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The timeout of one attempt, from sending the request to reading the last byte of the response body. Default
    /// 30 s. An attempt that times out is retried like a network failure; when retries run out the call throws
    /// <see cref="PgBeamTimeoutException"/>. Distinct from the caller's <see cref="CancellationToken"/>, which ends
    /// the call at once with <see cref="OperationCanceledException"/>. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>
    /// turns it off (the retry budget still applies).
    /// </summary>
    /// <remarks>
    /// In configuration write it as <c>hh:mm:ss</c> (<c>"00:00:20"</c>): a bare <c>"20"</c> would be 20 days, and is
    /// refused. A timeout set longer than <see cref="RetryOptions.TotalBudget"/> is refused too (the budget would
    /// always end the call first).
    /// </remarks>
    public TimeSpan Timeout
    {
        get => _timeout;
        set
        {
            _timeout = value;
            TimeoutWasSet = true;
        }
    }

    /// <summary>
    /// The largest JSON response body (success or error) the SDK reads, in bytes, counted after decompression. Default
    /// <see cref="DefaultMaxResponseBytes"/> (32 MiB), far above the largest page the API returns. A larger body fails
    /// the call with <see cref="PgBeamResponseTooLargeException"/> (not retried) instead of filling memory. The audit
    /// log export (<c>ExportAuditLogsAsync</c>) is a stream you read yourself and is not limited.
    /// </summary>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>Retry and backoff settings.</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>
    /// Whether POST and PATCH calls get an automatic <c>Idempotency-Key</c> (a UUIDv4, the same on every attempt of
    /// one call). Default true. A key given in <see cref="RequestOptions.IdempotencyKey"/> is sent either way.
    /// </summary>
    public bool AutomaticIdempotencyKeys { get; set; } = true;

    /// <summary>
    /// Receives one debug line per attempt in the category <c>PgBeam</c>: method, path template (never the real path
    /// with its ids), status or failure kind, duration and attempt number. No header, body or secret is ever logged.
    /// Null (the default) logs nothing.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock for backoff waits, timeouts and budgets; tests pass a fake one. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Text appended to the <c>User-Agent</c> header, to identify your application.</summary>
    public string? ApplicationName { get; set; }

    internal bool BaseUrlWasSet { get; private set; }

    /// <summary>Whether <see cref="Timeout"/> was given (in code or by configuration), rather than left at its default.</summary>
    internal bool TimeoutWasSet { get; private set; }

    /// <summary>
    /// Puts <see cref="BaseUrl"/> back as it was, "set" flag included. Configuration binding writes every property it
    /// visits, even one the section does not mention, which would otherwise hide <c>PGBEAM_API_URL</c>.
    /// </summary>
    internal void RestoreBaseUrl(string value, bool wasSet)
    {
        _baseUrl = value;
        BaseUrlWasSet = wasSet;
    }

    /// <summary>Puts <see cref="Timeout"/> back as it was, "set" flag included (see <see cref="RestoreBaseUrl"/>).</summary>
    internal void RestoreTimeout(TimeSpan value, bool wasSet)
    {
        _timeout = value;
        TimeoutWasSet = wasSet;
    }

    /// <summary>A copy, so a client keeps the settings it was built with even if the caller changes this object.</summary>
    public PgBeamClientOptions Clone()
    {
        var copy = (PgBeamClientOptions)MemberwiseClone();
        copy.Retry = Retry?.Clone() ?? new RetryOptions();
        return copy;
    }

    /// <summary>Describes the options; the key is shown only as set or not set.</summary>
    public override string ToString() =>
        $"PgBeamClientOptions {{ ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "not set" : "***")}, TokenProvider = {(TokenProvider is null ? "not set" : "set")}, BaseUrl = {BaseUrl}, Timeout = {Timeout}, {Retry} }}";
}
