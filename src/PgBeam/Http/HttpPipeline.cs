using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Http;

/// <summary>
/// Builds the one handler chain of a client, the same whoever owns the transport:
/// once per call: user agent, idempotency key, retry (backoff, Retry-After, budget);
/// per attempt: logging (when a logger factory is set), auth (token asked each attempt), attempt timeout, transport.
/// </summary>
internal static class HttpPipeline
{
    /// <summary>How long the SDK's own connections live, so DNS changes are picked up.</summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Creates the chain in front of <paramref name="transport"/>.</summary>
    /// <param name="configuration">Validated settings.</param>
    /// <param name="transport">
    /// Where requests finally go: a caller's <see cref="HttpClient"/>, the one <c>IHttpClientFactory</c> built, or
    /// null for the SDK's own connection pool (disposed with the chain).
    /// </param>
    public static HttpMessageInvoker Create(ClientConfiguration configuration, HttpMessageInvoker? transport)
    {
        var ownsTransport = transport is null;
        transport ??= new HttpMessageInvoker(CreateSocketsHandler(), disposeHandler: true);
        var options = configuration.Options;

        var chain = new List<DelegatingHandler>
        {
            new UserAgentHandler(options.ApplicationName),
            new IdempotencyKeyHandler(options.AutomaticIdempotencyKeys),
            new RetryHandler(configuration),
        };
        if (options.LoggerFactory is { } loggerFactory)
        {
            chain.Add(new AttemptLoggingHandler(loggerFactory.CreateLogger(AttemptLoggingHandler.Category), options.TimeProvider));
        }

        chain.Add(new AuthHandler(configuration));
        chain.Add(new AttemptTimeoutHandler(configuration));
        chain.Add(new TransportHandler(transport, ownsTransport, configuration));

        for (var i = 0; i < chain.Count - 1; i++)
        {
            chain[i].InnerHandler = chain[i + 1];
        }

        // The innermost DelegatingHandler needs an InnerHandler even though TransportHandler never calls it.
        chain[^1].InnerHandler = new UnreachableHandler();
        return new HttpMessageInvoker(chain[0], disposeHandler: true);
    }

    private static SocketsHttpHandler CreateSocketsHandler() => new()
    {
        // A redirect is refused, never followed (see TransportHandler): following one would send the body and the
        // custom headers to whatever origin the Location names.
        AllowAutoRedirect = false,
        PooledConnectionLifetime = PooledConnectionLifetime,
        AutomaticDecompression = System.Net.DecompressionMethods.All,
        ConnectTimeout = TimeSpan.FromSeconds(15),
    };

    private sealed class UnreachableHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The PgBeam transport handler must not call its inner handler.");
    }
}
