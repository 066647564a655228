using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Http;

/// <summary>
/// The last link of the chain: hands the attempt's request (absolute URI) to the transport, which is the SDK's own
/// <see cref="SocketsHttpHandler"/>, a caller-supplied <see cref="HttpClient"/> or the client
/// <c>IHttpClientFactory</c> built. Then it reads the body completely inside the attempt (its timeout and the
/// caller's token apply), so a connection reset or a stall mid-body is a failed attempt the retry handler can
/// repeat. Only a successful streamed response (the CSV export) is handed back unread, for the caller.
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

        // HttpClient.SendAsync(request, token) reads the whole body into memory before returning (within the
        // HttpClient's own Timeout, which thus caps each attempt); a streamed body must come back as soon as the
        // headers do.
        var response = streamResponse && _transport is HttpClient client
            ? await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false)
            : await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);

        if (streamResponse && response.IsSuccessStatusCode)
        {
            return response;
        }

        try
        {
            await BufferContentAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }

    /// <summary>
    /// Reads the whole body, cancellably, and puts it back as an in-memory content with the same headers. (One code
    /// path for every target: <c>LoadIntoBufferAsync</c> takes no token before .NET 9.)
    /// </summary>
    private static async Task BufferContentAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var original = response.Content;
        var body = await original.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var buffered = new BufferedResponseContent(body);
        foreach (var header in original.Headers)
        {
            // ByteArrayContent knows its own length; the rest (type, encoding, language…) stays as the server sent it.
            if (!string.Equals(header.Key, "Content-Length", System.StringComparison.OrdinalIgnoreCase))
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        response.Content = buffered;
        original.Dispose();
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
