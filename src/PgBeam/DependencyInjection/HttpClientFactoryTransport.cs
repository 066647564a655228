using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.DependencyInjection;

/// <summary>
/// The transport of a client registered with <c>AddPgBeam</c>: each attempt goes through a fresh
/// <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>. <see cref="PgBeamClient"/> is a singleton, and a
/// singleton that kept one factory client would keep its handler forever and miss DNS changes; asking the factory
/// per attempt lets it rotate its pooled handlers, which is the use it is designed for.
/// </summary>
internal sealed class HttpClientFactoryTransport : HttpMessageInvoker
{
    private readonly IHttpClientFactory _factory;
    private readonly string _name;

    public HttpClientFactoryTransport(IHttpClientFactory factory, string name)
        : base(new NotUsedHandler(), disposeHandler: true)
    {
        _factory = factory;
        _name = name;
    }

    public override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Factory clients need no disposal (their handlers are pooled); disposing one mid-response would cancel it.
        var client = _factory.CreateClient(_name);

        // Headers only: the SDK reads (or streams) the body itself, inside the attempt (ResponseBuffering).
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    public override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The PgBeam SDK sends asynchronously only.");

    private sealed class NotUsedHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("HttpClientFactoryTransport sends through IHttpClientFactory clients only.");
    }
}
