using System;
using System.Threading;
using System.Threading.Tasks;
using PgBeam.ContractTests.Derivation;

namespace PgBeam.ContractTests.Calls;

/// <summary>
/// One call of one contract operation through <see cref="PgBeamClient"/>, with the inputs of its <see cref="Variant"/>,
/// derived from the contract; or, when the derivation failed, the reason (the call then fails with it).
/// </summary>
public sealed class OperationCall
{
    private OperationCall(string operationId, CallVariant variant, DerivedCall? derived, DerivationException? problem)
    {
        OperationId = operationId;
        Variant = variant;
        Derived = derived;
        Problem = problem;
    }

    /// <summary>The contract's operation id the call is meant to reach.</summary>
    public string OperationId { get; }

    public CallVariant Variant { get; }

    /// <summary>The typed result the SDK deserializes, or null for operations that answer without a body.</summary>
    public Type? ResultType => Derived?.ResultType;

    /// <summary>Why no call could be derived, or null.</summary>
    public DerivationException? Problem { get; }

    internal DerivedCall? Derived { get; }

    internal static OperationCall From(DerivedCall call) => new(call.Binding.Operation.OperationId, call.Variant, call, null);

    internal static OperationCall Failed(string operationId, CallVariant variant, DerivationException problem) => new(operationId, variant, null, problem);

    /// <summary>Runs the call; the result is the deserialized body (null for operations without one).</summary>
    public Task<object?> InvokeAsync(PgBeamClient client, CancellationToken cancellationToken) =>
        Derived?.InvokeAsync(client, cancellationToken) ?? Task.FromException<object?>(Problem!);

    public override string ToString() => $"{OperationId} {Variant}";
}
