namespace PgBeam.Testing;

/// <summary>What an injected fault does to the request it meets.</summary>
public enum SandboxFaultKind
{
    /// <summary>429 with <c>Retry-After</c>; the request is not processed.</summary>
    RateLimit,

    /// <summary>503 (optionally with <c>Retry-After</c>); the request is not processed.</summary>
    ServiceUnavailable,

    /// <summary>Any error status with the contract's envelope; the request is not processed.</summary>
    Status,

    /// <summary>The call fails with an <see cref="System.Net.Http.HttpRequestException"/> before the sandbox sees it (refused or reset connection).</summary>
    ConnectionFailure,

    /// <summary>
    /// The sandbox processes the request (state changes), then the call fails with an
    /// <see cref="System.Net.Http.HttpRequestException"/> as if the connection dropped before the answer arrived. A
    /// retry with the same <c>Idempotency-Key</c> gets the first answer back instead of doing the work twice.
    /// </summary>
    ResponseLost,
}
