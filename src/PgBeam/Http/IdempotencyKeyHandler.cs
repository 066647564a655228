using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Http;

/// <summary>
/// Gives a call its one <c>Idempotency-Key</c>: the caller's (<see cref="RequestOptions.IdempotencyKey"/>, any
/// method), else a new UUIDv4 for POST and PATCH when automatic keys are on. It runs before the retry handler, so
/// every attempt of the call carries the same key and the server can tell a retry from a new request.
/// </summary>
internal sealed class IdempotencyKeyHandler(bool automaticKeys) : DelegatingHandler
{
    public const string HeaderName = "Idempotency-Key";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // RequestOptions.Validate has already checked the caller's key.
        var explicitKey = PgBeamRequestContext.Of(request)?.Options?.IdempotencyKey;
        request.Headers.Remove(HeaderName);
        if (explicitKey is not null)
        {
            request.Headers.TryAddWithoutValidation(HeaderName, explicitKey);
        }
        else if (automaticKeys && IsUnsafeMethod(request.Method))
        {
            // Guid.NewGuid is a version 4 (random) UUID.
            request.Headers.TryAddWithoutValidation(HeaderName, Guid.NewGuid().ToString("D"));
        }

        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>POST and PATCH: the methods whose repetition can change the server's state twice.</summary>
    public static bool IsUnsafeMethod(HttpMethod method) => method == HttpMethod.Post || method == HttpMethod.Patch;
}
