using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Http;

/// <summary>
/// Gives each POST and PATCH call one <c>Idempotency-Key</c> (the caller's, or a new UUIDv4), set before the retry
/// handler so every attempt of the call carries the same key and the server can de-duplicate them.
/// </summary>
internal sealed class IdempotencyKeyHandler(bool automaticKeys) : DelegatingHandler
{
    public const string HeaderName = "Idempotency-Key";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var explicitKey = PgBeamRequestContext.Of(request)?.Options?.IdempotencyKey;
        request.Headers.Remove(HeaderName);
        if (explicitKey is not null)
        {
            if (string.IsNullOrWhiteSpace(explicitKey) || explicitKey.Length > 255 || !IsPrintableAscii(explicitKey))
            {
                throw new ArgumentException("RequestOptions.IdempotencyKey must be 1 to 255 printable ASCII characters.", "requestOptions");
            }

            request.Headers.TryAddWithoutValidation(HeaderName, explicitKey);
        }
        else if (automaticKeys && (request.Method == HttpMethod.Post || request.Method == HttpMethod.Patch))
        {
            request.Headers.TryAddWithoutValidation(HeaderName, Guid.NewGuid().ToString());
        }

        return base.SendAsync(request, cancellationToken);
    }

    private static bool IsPrintableAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < '\u0021' or > '\u007e')
            {
                return false;
            }
        }

        return true;
    }
}
