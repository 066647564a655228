using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Http;

/// <summary>
/// Refuses an answer that is a redirect, or that came from another origin than the base URL (a caller's
/// <see cref="HttpClient"/> that follows redirects), with <see cref="PgBeamRedirectException"/>: following one would
/// send the body and the custom headers to whatever origin the <c>Location</c> names. Never retried.
/// </summary>
internal sealed class RedirectRefusal(Uri baseUri) : AttemptHop
{
    private readonly Uri _baseUri = baseUri;

    public override async Task<HttpResponseMessage> SendAsync(CallContext call, int attempt, HttpRequestMessage message, CancellationToken cancellationToken)
    {
        var response = await NextAsync(call, attempt, message, cancellationToken).ConfigureAwait(false);
        try
        {
            Refuse(response, call, message);
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
    private void Refuse(HttpResponseMessage response, CallContext call, HttpRequestMessage message)
    {
        var status = (int)response.StatusCode;
        // 304 Not Modified answers a conditional read; it moves nothing elsewhere, so it is no redirect.
        if (status is >= 300 and <= 399 and not 304)
        {
            var location = response.Headers.Location;
            var target = location is null ? null : location.IsAbsoluteUri ? location : TryResolve(response.RequestMessage?.RequestUri ?? _baseUri, location);
            var origin = target is null ? null : Redact(OriginOf(target), call, message);
            throw PgBeamErrorFactory.Redirected(response.StatusCode, origin, OriginOf(_baseUri), call.OperationId);
        }

        if (response.RequestMessage?.RequestUri is { IsAbsoluteUri: true } answeredBy && !SameOrigin(answeredBy, _baseUri))
        {
            var origin = Redact(OriginOf(answeredBy), call, message);
            throw PgBeamErrorFactory.AnsweredElsewhere(response.StatusCode, origin, OriginOf(_baseUri), call.OperationId);
        }
    }

    private static Uri? TryResolve(Uri baseUri, Uri relative) => Uri.TryCreate(baseUri, relative, out var resolved) ? resolved : null;

    /// <summary><c>scheme://host[:port]</c>: no user info, path, query or fragment.</summary>
    private static string OriginOf(Uri uri) => uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped);

    private static bool SameOrigin(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static string Redact(string text, CallContext call, HttpRequestMessage message) =>
        call.CreateRedactor(message).Redact(text)!;
}
