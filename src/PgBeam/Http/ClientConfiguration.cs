using System;
using System.Globalization;
using System.Linq;
using System.Net;

namespace PgBeam.Http;

/// <summary>
/// The validated settings a <see cref="PgBeamClient"/> runs with: options merged with the environment.
/// Every check happens here, at construction, so no call is ever sent with a bad configuration.
/// </summary>
internal sealed class ClientConfiguration
{
    internal static readonly string[] ApiKeyVariables = ["PGBEAM_API_KEY", "PGBEAM_TOKEN", "PGBEAM_API_TOKEN"];
    internal const string BaseUrlVariable = "PGBEAM_API_URL";

    private ClientConfiguration(PgBeamClientOptions options, string? apiKey, Uri baseUri)
    {
        Options = options;
        ApiKey = apiKey;
        BaseUri = baseUri;
    }

    public PgBeamClientOptions Options { get; }

    /// <summary>The static key; null when a token provider is used.</summary>
    public string? ApiKey { get; }

    /// <summary>The base URL, always ending in '/'.</summary>
    public Uri BaseUri { get; }

    /// <summary>Validates <paramref name="source"/>, filling gaps from the environment.</summary>
    /// <exception cref="ArgumentException">The options are unusable; the message says why and never contains the key.</exception>
    public static ClientConfiguration Create(PgBeamClientOptions? source, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var options = (source ?? new PgBeamClientOptions()).Clone();

        string? apiKey = null;
        if (options.TokenProvider is null)
        {
            apiKey = string.IsNullOrEmpty(options.ApiKey)
                ? ApiKeyVariables.Select(environment).FirstOrDefault(value => !string.IsNullOrEmpty(value))
                : options.ApiKey;
            if (string.IsNullOrEmpty(apiKey))
            {
                throw new ArgumentException(
                    "No PgBeam API key: set PgBeamClientOptions.ApiKey or TokenProvider, or the PGBEAM_API_KEY environment variable.",
                    "options.ApiKey");
            }

            ValidateToken(apiKey, "options.ApiKey");
        }

        if (options.TokenProviderTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("TokenProviderTimeout must be positive.", "options.TokenProviderTimeout");
        }

        var baseUrl = options.BaseUrlWasSet ? options.BaseUrl : environment(BaseUrlVariable);
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            baseUrl = PgBeamClientOptions.DefaultBaseUrl;
        }

        var baseUri = ValidateBaseUrl(baseUrl);
        ValidateTimings(options);
        UserAgent.Build(options.ApplicationName); // rejects a name that cannot travel in a header, here rather than later
        return new ClientConfiguration(options, apiKey, baseUri);
    }

    /// <summary>Rejects a token that cannot travel in a header; the message never contains the token.</summary>
    public static void ValidateToken(string token, string parameterName)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw new ArgumentException("The PgBeam API key or token is empty.", parameterName);
        }

        foreach (var c in token)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c > '\u007e')
            {
                throw new ArgumentException(
                    "The PgBeam API key or token contains whitespace, a control character or a non-ASCII character; check for a stray newline or space when it was copied.",
                    parameterName);
            }
        }
    }

    private static Uri ValidateBaseUrl(string baseUrl)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            // The value is not repeated: a misplaced key or password pasted into BaseUrl must not reach a log.
            throw new ArgumentException("The PgBeam base URL is not an absolute http(s) URL (such as https://api.pgbeam.com).", "options.BaseUrl");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            throw new ArgumentException(
                $"The PgBeam base URL uses http:// to the non-loopback host '{uri.IdnHost}'; the API key would travel in clear text. Use https://.",
                "options.BaseUrl");
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new ArgumentException("The PgBeam base URL must not carry a query, a fragment or user info.", "options.BaseUrl");
        }

        var text = uri.AbsoluteUri;
        return new Uri(text.EndsWith('/') ? text : text + "/", UriKind.Absolute);
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    /// <summary>The first duration that is surely a mistake: <c>"20"</c> in configuration binds to 20 days.</summary>
    private static readonly TimeSpan ImplausibleDuration = TimeSpan.FromDays(1);

    /// <summary>How a duration is written in configuration; shown in every timing error.</summary>
    private const string DurationFormatHint =
        "Write durations as hh:mm:ss, for example \"00:00:20\" for 20 seconds; a bare number such as \"20\" is read as days.";

    private static void ValidateTimings(PgBeamClientOptions options)
    {
        if (options.Timeout <= TimeSpan.Zero && options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException("Timeout must be positive (or Timeout.InfiniteTimeSpan).", "options.Timeout");
        }

        var retry = options.Retry;
        if (retry.MaxRetries < 0)
        {
            throw new ArgumentException("Retry.MaxRetries cannot be negative.", "options.Retry.MaxRetries");
        }

        if (retry.BaseDelay < TimeSpan.Zero || retry.MaxDelay < TimeSpan.Zero || retry.TotalBudget <= TimeSpan.Zero)
        {
            throw new ArgumentException("Retry delays cannot be negative and Retry.TotalBudget must be positive.", "options.Retry");
        }

        if (retry.JitterFraction is < 0 or > 1)
        {
            throw new ArgumentException("Retry.JitterFraction must be between 0 and 1.", "options.Retry.JitterFraction");
        }

        RejectDays(options.Timeout, "Timeout");
        RejectDays(options.TokenProviderTimeout, "TokenProviderTimeout");
        RejectDays(retry.BaseDelay, "Retry.BaseDelay");
        RejectDays(retry.MaxDelay, "Retry.MaxDelay");
        RejectDays(retry.TotalBudget, "Retry.TotalBudget");

        // Only a timeout someone set: the 30 s default under a short budget is fine, the budget simply ends the call.
        if (options.TimeoutWasSet && options.Timeout != System.Threading.Timeout.InfiniteTimeSpan && options.Timeout > retry.TotalBudget)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Timeout ({options.Timeout:c}) is longer than Retry.TotalBudget ({retry.TotalBudget:c}), the time a whole call may take: the attempt timeout could never fire. {DurationFormatHint}"),
                "options.Timeout");
        }

        if (options.MaxResponseBytes <= 0)
        {
            throw new ArgumentException("MaxResponseBytes must be positive (the default is 32 MiB).", "options.MaxResponseBytes");
        }
    }

    private static void RejectDays(TimeSpan value, string name)
    {
        if (value >= ImplausibleDuration)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{name} is {value:c} ({value.TotalDays:0.###} days), which no PgBeam call needs. {DurationFormatHint}"),
                "options." + name);
        }
    }
}
