using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Http;

/// <summary>
/// Gives a call its one <c>Idempotency-Key</c>: the caller's (<see cref="RequestOptions.IdempotencyKey"/>, any
/// method), else, when automatic keys are on, a new UUIDv4 for an operation whose contract declares the header
/// (whatever its method) and for POST and PATCH of operations that say nothing about it; never for an operation the
/// contract marks as refusing it. It runs before the retry handler, so every attempt of the call carries the same
/// key and the server can tell a retry from a new request.
/// </summary>
internal sealed class IdempotencyKeyHandler(bool automaticKeys) : DelegatingHandler
{
    public const string HeaderName = "Idempotency-Key";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // RequestOptions.Validate has already checked the caller's key.
        var context = PgBeamRequestContext.Of(request);
        var explicitKey = context?.Options?.IdempotencyKey;
        request.Headers.Remove(HeaderName);
        if (explicitKey is not null)
        {
            request.Headers.TryAddWithoutValidation(HeaderName, explicitKey);
        }
        else if (automaticKeys && WantsAutomaticKey(context?.IdempotencyKeyUse ?? IdempotencyKeyUse.MethodDefault, request.Method))
        {
            request.Headers.TryAddWithoutValidation(HeaderName, RandomUuid.Next());
        }

        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>Whether an operation gets an automatic key when the caller gave none.</summary>
    public static bool WantsAutomaticKey(IdempotencyKeyUse use, HttpMethod method) => use switch
    {
        IdempotencyKeyUse.Declared => true,
        IdempotencyKeyUse.Refused => false,
        _ => IsUnsafeMethod(method),
    };

    /// <summary>POST and PATCH: the methods whose repetition can change the server's state twice.</summary>
    public static bool IsUnsafeMethod(HttpMethod method) => method == HttpMethod.Post || method == HttpMethod.Patch;
}
