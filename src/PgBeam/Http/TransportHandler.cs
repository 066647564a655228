using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PgBeam.Diagnostics;

namespace PgBeam.Http;

/// <summary>
/// The last link of the chain: hands the attempt's request (absolute URI) to the transport, which is the SDK's own
/// <see cref="SocketsHttpHandler"/>, a caller-supplied <see cref="HttpClient"/> or the client
/// <c>IHttpClientFactory</c> built. It refuses an answer that is a redirect or that came from another origin than the
/// base URL (<see cref="PgBeamRedirectException"/>), then reads the body completely inside the attempt (its timeout
/// and the caller's token apply), up to <see cref="PgBeamClientOptions.MaxResponseBytes"/>, so a connection reset or
/// a stall mid-body is a failed attempt the retry handler can repeat. Only a successful streamed response (the CSV
/// export) is handed back unread, for the caller.
/// </summary>
internal sealed class TransportHandler : DelegatingHandler
{
    /// <summary>The first read buffer when the body's length is not announced.</summary>
    private const int InitialBufferSize = 16 * 1024;

    private readonly HttpMessageInvoker _transport;
    private readonly bool _ownsTransport;
    private readonly Uri _baseUri;
    private readonly long _maxResponseBytes;

    public TransportHandler(HttpMessageInvoker transport, bool ownsTransport, ClientConfiguration configuration)
    {
        _transport = transport;
        _ownsTransport = ownsTransport;
        _baseUri = configuration.BaseUri;
        // A byte array cannot hold more, and the limit plus one byte must fit in one.
        _maxResponseBytes = Math.Min(configuration.Options.MaxResponseBytes, Array.MaxLength - 1L);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = PgBeamRequestContext.Of(request);
        var streamResponse = context?.StreamResponse == true;

        // Headers only, whoever owns the transport: HttpClient.SendAsync(request, token) would otherwise read the
        // whole body into memory, without the SDK's size limit, before returning.
        var response = _transport is HttpClient client
            ? await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false)
            : await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);

        try
        {
            RefuseRedirect(response, context);
            if (streamResponse && response.IsSuccessStatusCode)
            {
                return response;
            }

            await BufferContentAsync(response, context, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }

    /// <summary>
    /// Throws when the answer is a redirect, or came from another origin than the base URL (a caller's
    /// <see cref="HttpClient"/> that follows redirects). The origin is named, never the path or query of the target.
    /// </summary>
    private void RefuseRedirect(HttpResponseMessage response, PgBeamRequestContext? context)
    {
        var status = (int)response.StatusCode;
        // 304 Not Modified answers a conditional read; it moves nothing elsewhere, so it is no redirect.
        if (status is >= 300 and <= 399 and not 304)
        {
            var location = response.Headers.Location;
            var target = location is null ? null : location.IsAbsoluteUri ? location : TryResolve(response.RequestMessage?.RequestUri ?? _baseUri, location);
            var origin = target is null ? null : Redact(OriginOf(target), context);
            throw PgBeamErrorFactory.Redirected(response.StatusCode, origin, OriginOf(_baseUri), context?.OperationId);
        }

        if (response.RequestMessage?.RequestUri is { IsAbsoluteUri: true } answeredBy && !SameOrigin(answeredBy, _baseUri))
        {
            var origin = Redact(OriginOf(answeredBy), context);
            throw PgBeamErrorFactory.AnsweredElsewhere(response.StatusCode, origin, OriginOf(_baseUri), context?.OperationId);
        }
    }

    private static Uri? TryResolve(Uri baseUri, Uri relative) => Uri.TryCreate(baseUri, relative, out var resolved) ? resolved : null;

    /// <summary><c>scheme://host[:port]</c>: no user info, path, query or fragment.</summary>
    private static string OriginOf(Uri uri) => uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);

    private static bool SameOrigin(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static string Redact(string text, PgBeamRequestContext? context) =>
        (context?.CreateRedactor() ?? new SecretRedactor()).Redact(text)!;

    /// <summary>
    /// Reads the whole body, cancellably and at most <see cref="PgBeamClientOptions.MaxResponseBytes"/> of it (as the
    /// content stream yields it, i.e. after decompression), and puts it back as an in-memory content with the same
    /// headers. (One code path for every target: <c>LoadIntoBufferAsync</c> takes no token before .NET 9.)
    /// </summary>
    private async Task BufferContentAsync(HttpResponseMessage response, PgBeamRequestContext? context, CancellationToken cancellationToken)
    {
        var original = response.Content;
        var announced = original.Headers.ContentLength;
        if (announced > _maxResponseBytes)
        {
            throw TooLarge(response, context, announced);
        }

        var body = await ReadBoundedAsync(response, context, announced, cancellationToken).ConfigureAwait(false);
        var buffered = new BufferedResponseContent(body);
        foreach (var header in original.Headers)
        {
            // ByteArrayContent knows its own length; the rest (type, encoding, language…) stays as the server sent it.
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        response.Content = buffered;
        original.Dispose();
    }

    private async Task<byte[]> ReadBoundedAsync(HttpResponseMessage response, PgBeamRequestContext? context, long? announced, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // An announced length sizes the buffer exactly; one more read then confirms the end of the body.
            var buffer = new byte[announced is { } length ? (int)length : (int)Math.Min(InitialBufferSize, _maxResponseBytes + 1)];
            var count = 0;
            while (true)
            {
                if (count == buffer.Length)
                {
                    if (count > _maxResponseBytes)
                    {
                        throw TooLarge(response, context, announced);
                    }

                    if (await ProbeEndAsync(stream, cancellationToken).ConfigureAwait(false) is not { } extra)
                    {
                        return buffer;
                    }

                    // More than the buffer holds: grow (doubling, but never past the limit plus the one byte that proves it).
                    var grown = (int)Math.Min(Math.Max((long)buffer.Length * 2, InitialBufferSize), _maxResponseBytes + 1);
                    if (grown <= count)
                    {
                        throw TooLarge(response, context, announced);
                    }

                    Array.Resize(ref buffer, grown);
                    buffer[count++] = extra;
                    continue;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return count == buffer.Length ? buffer : buffer.AsSpan(0, count).ToArray();
                }

                count += read;
                if (count > _maxResponseBytes)
                {
                    throw TooLarge(response, context, announced);
                }
            }
        }
    }

    /// <summary>Reads one byte: null at the end of the body, else that byte.</summary>
    private static async Task<byte?> ProbeEndAsync(Stream stream, CancellationToken cancellationToken)
    {
        var one = ArrayPool<byte>.Shared.Rent(1);
        try
        {
            return await stream.ReadAsync(one.AsMemory(0, 1), cancellationToken).ConfigureAwait(false) == 0 ? null : one[0];
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(one);
        }
    }

    private PgBeamResponseTooLargeException TooLarge(HttpResponseMessage response, PgBeamRequestContext? context, long? announced) =>
        PgBeamErrorFactory.ResponseTooLarge(response.StatusCode, announced, _maxResponseBytes, context?.OperationId);

    protected override void Dispose(bool disposing)
    {
        if (disposing && _ownsTransport)
        {
            _transport.Dispose();
        }

        base.Dispose(disposing);
    }
}
