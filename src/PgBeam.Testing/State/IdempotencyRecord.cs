using PgBeam.Testing.Routing;

namespace PgBeam.Testing.State;

/// <summary>The first answer given to an <c>Idempotency-Key</c>, replayed to later requests that carry the same key and body.</summary>
internal sealed class IdempotencyRecord(string fingerprint, SandboxResult result, string requestId)
{
    /// <summary>Method, path and a hash of the body: a reused key with another request is a 409.</summary>
    public string Fingerprint { get; } = fingerprint;

    /// <summary>The answer as first sent (status, headers, body).</summary>
    public SandboxResult Result { get; } = result;

    /// <summary>The <c>X-Request-Id</c> of the first answer, which a replay repeats with its body.</summary>
    public string RequestId { get; } = requestId;
}
