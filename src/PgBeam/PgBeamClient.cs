using System;
using System.Net.Http;
using PgBeam.Http;

namespace PgBeam;

/// <summary>
/// The entry point of the PgBeam SDK. One instance per application (or per account) is enough: it is thread-safe,
/// keeps one connection pool and one handler pipeline, and exposes the API's areas as services
/// (<see cref="Projects"/>, <see cref="Agents"/>, <see cref="Policies"/>, …).
/// </summary>
/// <example>
/// <code>
/// var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = "pgb_…" });
/// var profiles = await client.Policies.ListPolicyProfilesAsync("prj_xxx");
/// </code>
/// </example>
public partial class PgBeamClient : IDisposable
{
    private readonly ApiCaller _caller;

    /// <summary>Creates a client from the environment: <c>PGBEAM_API_KEY</c> (or <c>PGBEAM_TOKEN</c>, <c>PGBEAM_API_TOKEN</c>) and <c>PGBEAM_API_URL</c>.</summary>
    /// <exception cref="ArgumentException">No key is set, or a setting is invalid.</exception>
    public PgBeamClient()
        : this(new PgBeamClientOptions())
    {
    }

    /// <summary>Creates a client with an API key and the default settings.</summary>
    /// <param name="apiKey">A PgBeam API key or token.</param>
    /// <exception cref="ArgumentException">The key is empty or contains whitespace or control characters.</exception>
    public PgBeamClient(string apiKey)
        : this(new PgBeamClientOptions { ApiKey = apiKey ?? throw new ArgumentNullException(nameof(apiKey)) })
    {
    }

    /// <summary>Creates a client. Settings left empty fall back to the environment (see <see cref="PgBeamClientOptions"/>).</summary>
    /// <param name="options">The settings; copied, so later changes to the object do not affect the client.</param>
    /// <exception cref="ArgumentException">No key is available, or a setting is invalid; the message never contains the key.</exception>
    public PgBeamClient(PgBeamClientOptions options)
        : this(ClientConfiguration.Create(options ?? throw new ArgumentNullException(nameof(options))), options.HttpClient)
    {
    }

    /// <summary>Used by dependency injection with the client <c>IHttpClientFactory</c> built.</summary>
    internal PgBeamClient(ClientConfiguration configuration, HttpMessageInvoker? transport)
    {
        _caller = new ApiCaller(configuration, transport);
    }

    /// <summary>The base URL requests go to.</summary>
    public Uri BaseUrl => _caller.BaseUri;

    /// <summary>What every service of this client sends its calls through.</summary>
    internal ApiCaller Caller => _caller;

    /// <summary>Releases the SDK's own connection pool. A caller-supplied <see cref="HttpClient"/> is not disposed.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources.</summary>
    /// <param name="disposing">Whether this is called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _caller.Dispose();
        }
    }

    /// <summary>Describes the client without its key.</summary>
    public override string ToString() => $"PgBeamClient {{ BaseUrl = {BaseUrl} }}";
}
