using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Benchmarks.Fixtures;

/// <summary>
/// An in-memory transport for the micro cases: it drains the request body as a socket handler would, then answers
/// with pre-serialized bytes behind a stream, as a network response arrives. Every variant sends through the same one.
/// </summary>
public class CannedResponseHandler : HttpMessageHandler
{
    private readonly byte[] _body;
    private readonly HttpStatusCode _status;

    public CannedResponseHandler(byte[] body, HttpStatusCode status = HttpStatusCode.OK)
    {
        _body = body;
        _status = status;
    }

    /// <summary>How many requests it has answered.</summary>
    public int Requests { get; private set; }

    /// <summary>The last request, when <see cref="KeepLastRequest"/> is set (for the set-up checks only).</summary>
    public HttpRequestMessage? LastRequest { get; private set; }

    public bool KeepLastRequest { get; set; }

    /// <summary>Wraps <paramref name="body"/> in a response whose content reads like a network stream.</summary>
    public static HttpResponseMessage Respond(HttpRequestMessage request, byte[] body, HttpStatusCode status)
    {
        var content = new StreamContent(new MemoryStream(body, 0, body.Length, writable: false, publiclyVisible: true));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        content.Headers.ContentLength = body.Length;
        return new HttpResponseMessage(status) { Content = content, RequestMessage = request };
    }

    protected virtual byte[] BodyFor(HttpRequestMessage request) => _body;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        Requests++;
        if (KeepLastRequest)
        {
            LastRequest = request;
        }

        return Respond(request, BodyFor(request), _status);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The benchmarks send asynchronously.");
}
