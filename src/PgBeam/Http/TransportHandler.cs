using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Http;

/// <summary>
/// The last link of the chain: hands the request (absolute URI) to the transport, which is the SDK's own
/// <see cref="SocketsHttpHandler"/>, a caller-supplied <see cref="HttpClient"/> or the client
/// <c>IHttpClientFactory</c> built, and reads a JSON body completely inside the attempt, so that a connection
/// reset mid-body is a failed attempt the retry handler can repeat. A streamed body (the CSV export) is left unread
/// for the caller.
/// </summary>
internal sealed class TransportHandler : DelegatingHandler
{
    private readonly HttpMessageInvoker _transport;
    private readonly bool _ownsTransport;

    public TransportHandler(HttpMessageInvoker transport, bool ownsTransport)
    {
        _transport = transport;
        _ownsTransport = ownsTransport;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var streamResponse = PgBeamRequestContext.Of(request)?.StreamResponse == true;

        // HttpClient.SendAsync(request, token) reads the whole body into memory before returning; a streamed body
        // must come back as soon as the headers do.
        var response = streamResponse && _transport is HttpClient client
            ? await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false)
            : await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!streamResponse || !response.IsSuccessStatusCode)
        {
            try
            {
#if NET10_0_OR_GREATER
                await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
#else
                await response.Content.LoadIntoBufferAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
#endif
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        return response;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsTransport)
        {
            _transport.Dispose();
        }

        base.Dispose(disposing);
    }
}
