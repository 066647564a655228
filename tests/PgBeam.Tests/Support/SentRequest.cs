using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Reflection;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Support;

/// <summary>A snapshot of a request as it reached the (fake) network: method, exact URL, headers and body.</summary>
internal sealed class SentRequest
{
    private SentRequest(HttpRequestMessage request)
    {
        Method = request.Method;
        Url = request.RequestUri!.OriginalString;
        // NonValidated: the values as they go on the wire, not re-parsed (a parsed User-Agent splits into products).
        Headers = request.Headers.NonValidated.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        ContentType = request.Content?.Headers.ContentType?.ToString();
        Body = request.Content?.ReadAsStringAsync().GetAwaiter().GetResult();
    }

    public HttpMethod Method { get; }

    /// <summary>The URL exactly as sent, escapes included.</summary>
    public string Url { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public string? ContentType { get; }

    public string? Body { get; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The <c>Idempotency-Key</c> header as sent, or null.</summary>
    public string? IdempotencyKey => Header("Idempotency-Key");

    public static SentRequest Capture(HttpRequestMessage request) => new(request);

    /// <summary>The SDK version the User-Agent must carry: the package version, without build metadata.</summary>
    public static string SdkVersion
    {
        get
        {
            var informational = typeof(PgBeamClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
            return informational.Split('+')[0];
        }
    }

    /// <summary>Asserts the headers every SDK request carries: bearer auth, the SDK's User-Agent and the Accept the operation answers with.</summary>
    public void AssertSdkHeaders(string apiKey = TestClients.ApiKey, string accept = "application/json")
    {
        Assert.Multiple(() =>
        {
            Assert.That(Header("Authorization"), Is.EqualTo("Bearer " + apiKey));
            Assert.That(Header("User-Agent"), Does.Match(
                "^pgbeam-dotnet/" + Regex.Escape(SdkVersion) + @" \(contract " + Regex.Escape(PgBeamClient.ContractVersion) + @"; \.NET " + Regex.Escape(Environment.Version.ToString()) + @"\)$"));
            Assert.That(Header("Accept"), Is.EqualTo(accept));
        });
    }

    /// <summary>Asserts the body is JSON equal to <paramref name="expectedJson"/> (property order aside) with a JSON content type.</summary>
    public void AssertJsonBody(string expectedJson)
    {
        Assert.That(Body, Is.Not.Null, "the request has no body");
        Assert.That(ContentType, Is.EqualTo("application/json; charset=utf-8"));
        Assert.That(JToken.DeepEquals(JToken.Parse(Body!), JToken.Parse(expectedJson)), Is.True,
            $"body sent:{Environment.NewLine}{Body}{Environment.NewLine}expected:{Environment.NewLine}{expectedJson}");
    }
}

/// <summary>Records what a MockHttp expectation saw.</summary>
internal static class MockedRequestRecording
{
    public static MockedRequest RecordTo(this MockedRequest mocked, ICollection<SentRequest> sent) =>
        mocked.With(request =>
        {
            sent.Add(SentRequest.Capture(request));
            return true;
        });
}
