namespace PgBeam.Http;

/// <summary>What the contract says about an operation and <c>Idempotency-Key</c>; decides whether the SDK adds an automatic key.</summary>
internal enum IdempotencyKeyUse
{
    /// <summary>The contract says nothing: an automatic key goes with POST and PATCH only.</summary>
    MethodDefault,

    /// <summary>The operation declares the header: an automatic key goes with it whatever its method.</summary>
    Declared,

    /// <summary>The operation refuses the header (<c>x-pgbeam-idempotency: refused</c>): no automatic key.</summary>
    Refused,
}
