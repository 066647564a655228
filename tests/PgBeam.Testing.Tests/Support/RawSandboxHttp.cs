using System;
using System.Net.Http;
using System.Net.Http.Headers;

namespace PgBeam.Testing.Tests.Support;

/// <summary>Plain HTTP to a sandbox, for requests the SDK would refuse or shape differently.</summary>
internal static class RawSandboxHttp
{
    /// <summary>An <see cref="HttpClient"/> over <paramref name="sandbox"/> with its base URL and a bearer key (any key is accepted).</summary>
    public static HttpClient Create(PgBeamSandbox sandbox)
    {
        var http = sandbox.CreateHttpClient();
        http.BaseAddress = new Uri(PgBeamSandbox.BaseUrl);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "any-key");
        return http;
    }
}
