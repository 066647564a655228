using System.Net.Http;

namespace PgBeam.Http;

/// <summary>
/// Which calls carry an <c>Idempotency-Key</c>: the caller's (<see cref="RequestOptions.IdempotencyKey"/>, any
/// method), else, when automatic keys are on, a new UUIDv4 for an operation whose contract declares the header
/// (whatever its method) and for POST and PATCH of operations that say nothing about it; never for an operation the
/// contract marks as refusing it. <see cref="CallContext"/> decides the key once per call, so every attempt carries
/// the same one and the server can tell a retry from a new request.
/// </summary>
internal static class IdempotencyKeys
{
    public const string HeaderName = "Idempotency-Key";

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
