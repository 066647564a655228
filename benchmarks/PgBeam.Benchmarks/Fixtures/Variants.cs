using System;
using System.Net.Http;
using PgBeam.Benchmarks.HandWritten;

namespace PgBeam.Benchmarks.Fixtures;

/// <summary>Builds the three clients every case compares, each over its own transport.</summary>
public static class Variants
{
    public const string Sdk = "SDK";
    public const string Newtonsoft = "HttpClient+Newtonsoft";
    public const string SystemTextJson = "HttpClient+STJ";

    /// <summary>The order rows are shown in.</summary>
    public static readonly string[] All = [Sdk, Newtonsoft, SystemTextJson];

    /// <summary>The in-memory cases' base URL; nothing is sent there.</summary>
    public static readonly Uri InMemoryBaseUrl = new("https://api.pgbeam.com/");

    /// <summary>The SDK, sending through a caller-supplied <see cref="HttpClient"/> over <paramref name="handler"/>.</summary>
    public static PgBeamClient CreateSdk(HttpMessageHandler handler, Uri baseUrl, Action<PgBeamClientOptions>? configure = null)
    {
        var options = new PgBeamClientOptions
        {
            ApiKey = ApiFixtures.ApiKey,
            BaseUrl = baseUrl.AbsoluteUri,
            HttpClient = new HttpClient(handler, disposeHandler: true),
        };
        configure?.Invoke(options);
        return new PgBeamClient(options);
    }

    /// <summary>The SDK with its own connection pool, as a user gets it with no <see cref="HttpClient"/> of their own.</summary>
    public static PgBeamClient CreateSdk(Uri baseUrl) =>
        new(new PgBeamClientOptions { ApiKey = ApiFixtures.ApiKey, BaseUrl = baseUrl.AbsoluteUri });

    public static NewtonsoftApi CreateNewtonsoft(HttpMessageHandler handler, Uri baseUrl) =>
        new(HandWrittenApi.CreateHttpClient(handler, baseUrl, ApiFixtures.ApiKey));

    public static SystemTextJsonApi CreateSystemTextJson(HttpMessageHandler handler, Uri baseUrl) =>
        new(HandWrittenApi.CreateHttpClient(handler, baseUrl, ApiFixtures.ApiKey));

    /// <summary>A socket handler as the SDK builds its own (pooled connections recycled every five minutes).</summary>
    public static SocketsHttpHandler CreateSocketsHandler() => new() { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
}
