using System;
using System.Net.Http;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Support;

/// <summary>Clients wired to a MockHttp handler, so the SDK's whole pipeline runs and only the network is fake.</summary>
internal static class TestClients
{
    public const string ApiKey = "pgb_test_0123456789abcdef";
    public const string BaseUrl = "https://api.pgbeam.test";

    /// <summary>A client whose transport is <paramref name="handler"/>; retries use <paramref name="time"/> when given.</summary>
    public static PgBeamClient Create(MockHttpMessageHandler handler, Action<PgBeamClientOptions>? configure = null, FakeTimeProvider? time = null)
    {
        var options = new PgBeamClientOptions
        {
            ApiKey = ApiKey,
            BaseUrl = BaseUrl,
            HttpClient = new HttpClient(handler),
        };
        if (time is not null)
        {
            options.TimeProvider = time;
        }

        configure?.Invoke(options);
        return new PgBeamClient(options);
    }

    /// <summary>An absolute URL under the test base URL.</summary>
    public static string Url(string path) => BaseUrl + path;
}
