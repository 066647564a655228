using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Http;

/// <summary>
/// The last step of an attempt: hands the request (absolute URI) to the transport, which is the SDK's own
/// <see cref="SocketsHttpHandler"/> (<see cref="CreateOwnTransport"/>), a caller-supplied <see cref="HttpClient"/> or
/// the client <c>IHttpClientFactory</c> built, and returns the answer with its headers read and its body not yet.
/// </summary>
internal sealed class TransportSender : AttemptHop, IDisposable
{
    /// <summary>How long the SDK's own connections live, so DNS changes are picked up.</summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    private readonly HttpMessageInvoker _transport;
    private readonly bool _ownsTransport;
    private volatile bool _disposed;

    /// <param name="transport">Where requests go: a caller's <see cref="HttpClient"/>, the one <c>IHttpClientFactory</c> built, or null for the SDK's own connection pool (disposed with this sender).</param>
    public TransportSender(HttpMessageInvoker? transport)
    {
        _ownsTransport = transport is null;
        _transport = transport ?? new HttpMessageInvoker(CreateOwnTransport(), disposeHandler: true);
    }

    public override Task<HttpResponseMessage> SendAsync(CallContext call, int attempt, HttpRequestMessage message, CancellationToken cancellationToken)
    {
        // After the client's Dispose, no attempt goes out, even through a transport the SDK does not own.
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_transport is DependencyInjection.HttpClientFactoryTransport)
        {
            // The factory's handler chain holds the SDK's secret-free logger, which redacts with the call's secrets.
            call.AttachTo(message);
        }

        // Headers only, whoever owns the transport: HttpClient.SendAsync(request, token) would otherwise read the
        // whole body into memory, without the SDK's size limit, before returning.
        return _transport is HttpClient client
            ? client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            : _transport.SendAsync(message, cancellationToken);
    }

    private static SocketsHttpHandler CreateOwnTransport() => new()
    {
        // A redirect is refused, never followed (see RedirectRefusal): following one would send the body and the
        // custom headers to whatever origin the Location names.
        AllowAutoRedirect = false,
        PooledConnectionLifetime = PooledConnectionLifetime,
        AutomaticDecompression = System.Net.DecompressionMethods.All,
        ConnectTimeout = TimeSpan.FromSeconds(15),
    };

    public void Dispose()
    {
        _disposed = true;
        if (_ownsTransport)
        {
            _transport.Dispose();
        }
    }
}
