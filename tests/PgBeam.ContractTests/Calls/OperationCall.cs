using System;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.ContractTests.Calls;

/// <summary>One call of one contract operation through <see cref="PgBeamClient"/>, with the inputs of its <see cref="Variant"/>.</summary>
public sealed class OperationCall
{
    private readonly Func<PgBeamClient, CancellationToken, Task<object?>> _invoke;

    private OperationCall(string operationId, CallVariant variant, Type? resultType, Func<PgBeamClient, CancellationToken, Task<object?>> invoke)
    {
        OperationId = operationId;
        Variant = variant;
        ResultType = resultType;
        _invoke = invoke;
    }

    /// <summary>The contract's operation id the call is meant to reach.</summary>
    public string OperationId { get; }

    public CallVariant Variant { get; }

    /// <summary>The typed result the SDK deserializes, or null for operations that answer without a body.</summary>
    public Type? ResultType { get; }

    /// <summary>A call whose result is a typed body.</summary>
    public static OperationCall Returning<T>(string operationId, CallVariant variant, Func<PgBeamClient, CancellationToken, Task<T>> call)
        where T : class =>
        new(operationId, variant, typeof(T), async (client, ct) => await call(client, ct));

    /// <summary>A call whose success answer has no body (204, 202).</summary>
    public static OperationCall WithoutBody(string operationId, CallVariant variant, Func<PgBeamClient, CancellationToken, Task> call) =>
        new(operationId, variant, null, async (client, ct) =>
        {
            await call(client, ct);
            return null;
        });

    /// <summary>
    /// For an operation without optional inputs, whose required-only call is also its complete call: both variants,
    /// so it is still called twice.
    /// </summary>
    public static OperationCall[] Returning<T>(string operationId, Func<PgBeamClient, CancellationToken, Task<T>> call)
        where T : class =>
        [Returning(operationId, CallVariant.RequiredOnly, call), Returning(operationId, CallVariant.AllFields, call)];

    /// <summary>Both variants of an operation without optional inputs and without a response body.</summary>
    public static OperationCall[] WithoutBody(string operationId, Func<PgBeamClient, CancellationToken, Task> call) =>
        [WithoutBody(operationId, CallVariant.RequiredOnly, call), WithoutBody(operationId, CallVariant.AllFields, call)];

    /// <summary>Runs the call; the result is the deserialized body (null for <see cref="WithoutBody"/> calls).</summary>
    public Task<object?> InvokeAsync(PgBeamClient client, CancellationToken cancellationToken) => _invoke(client, cancellationToken);

    public override string ToString() => $"{OperationId} {Variant}";
}
