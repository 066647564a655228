using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using PgBeam.ContractTests.Calls;
using PgBeam.ContractTests.Recording;

namespace PgBeam.ContractTests.Derivation;

/// <summary>
/// One call derived from the contract: the method, its arguments, and the path, query and header values they must put
/// on the wire (as text). Invoking it awaits the method and returns the typed result (a streamed body read whole).
/// </summary>
internal sealed class DerivedCall
{
    private readonly object?[] _arguments;
    private readonly int _cancellationIndex;

    public DerivedCall(
        OperationBinding binding,
        MethodInfo method,
        CallVariant variant,
        object?[] arguments,
        int cancellationIndex,
        IReadOnlyDictionary<string, string> pathValues,
        IReadOnlyDictionary<string, string> queryValues,
        IReadOnlyDictionary<string, string> headerValues)
    {
        Binding = binding;
        Method = method;
        Variant = variant;
        _arguments = arguments;
        _cancellationIndex = cancellationIndex;
        PathValues = pathValues;
        QueryValues = queryValues;
        HeaderValues = headerValues;
    }

    public OperationBinding Binding { get; }

    public MethodInfo Method { get; }

    public CallVariant Variant { get; }

    /// <summary>Each path parameter's value, unescaped.</summary>
    public IReadOnlyDictionary<string, string> PathValues { get; }

    /// <summary>Each query parameter the call sets, as it must read in the URL (unescaped).</summary>
    public IReadOnlyDictionary<string, string> QueryValues { get; }

    /// <summary>Each header parameter the call sets.</summary>
    public IReadOnlyDictionary<string, string> HeaderValues { get; }

    /// <summary>The request body the call passes, or null.</summary>
    public object? Body => Argument("body");

    /// <summary>The <c>&lt;OperationId&gt;Params</c> object the call passes, or null.</summary>
    public object? Parameters => Argument("parameters");

    /// <summary>The path the call must reach (escaped, as on the wire).</summary>
    public string Path => Binding.Operation.ExpandPath(name => PathValues[name]);

    /// <summary>The typed result, or null for an operation without a response body.</summary>
    public Type? ResultType => OperationBinding.ResultOf(Method.ReturnType);

    /// <summary>Calls the method on <paramref name="client"/>'s service and returns its result.</summary>
    public async Task<object?> InvokeAsync(PgBeamClient client, CancellationToken cancellationToken)
    {
        var task = (Task)Invoke(Method, client, cancellationToken)!;
        await task;
        if (!Method.ReturnType.IsGenericType)
        {
            return null;
        }

        var result = Method.ReturnType.GetProperty(nameof(Task<object>.Result))!.GetValue(task);
        if (result is Stream stream)
        {
            await using (stream)
            {
                using var reader = new StreamReader(stream);
                return await reader.ReadToEndAsync(cancellationToken);
            }
        }

        if (result is not null && result.GetType().Name.StartsWith("PgBeamResponse", StringComparison.Ordinal))
        {
            // The …WithResponseAsync wrapper: the body, when the answer has one.
            var hasValue = result.GetType().GetProperty("HasValue")?.GetValue(result) is true;
            return hasValue ? result.GetType().GetProperty("Value")!.GetValue(result) : null;
        }

        return result;
    }

    /// <summary>The same arguments through <c>…AutoPagingAsync</c>: every item of the listing.</summary>
    public IAsyncEnumerable<object> Walk(PgBeamClient client, CancellationToken cancellationToken)
    {
        var method = Binding.AutoPagingMethod ?? throw new DerivationException($"{Binding.Operation}: the SDK has no {NameRules.Pascal(Binding.Operation.OperationId)}AutoPagingAsync.");
        return (IAsyncEnumerable<object>)Invoke(method, client, cancellationToken)!;
    }

    /// <summary>How the path, query values and headers of <paramref name="exchange"/> differ from the ones this call passed.</summary>
    public IEnumerable<string> Differences(RecordedExchange exchange)
    {
        if (!string.Equals(exchange.Path, new Uri("http://x" + Path).AbsolutePath, StringComparison.Ordinal))
        {
            yield return $"the request went to {exchange.Path}, but the call's path values give {Path}";
        }

        foreach (var (name, value) in QueryValues)
        {
            var sent = exchange.Query.Where(pair => pair.Key == name).Select(pair => pair.Value).ToList();
            if (sent.Count == 1 && sent[0] != value)
            {
                yield return $"query parameter '{name}' arrived as '{sent[0]}', but the call passed '{value}'";
            }
        }

        foreach (var (name, value) in HeaderValues)
        {
            if (!exchange.Headers.TryGetValue(name, out var sent) || sent != value)
            {
                yield return $"header '{name}' should arrive as '{value}' but {(sent is null ? "did not" : "arrived as '" + sent + "'")}";
            }
        }
    }

    public override string ToString() => $"{Binding.Operation.OperationId} {Variant} via {Method.Name}";

    private object? Argument(string name) =>
        Method.GetParameters().Select((p, i) => (p, i)).Where(x => x.p.Name == name).Select(x => _arguments[x.i]).FirstOrDefault();

    private object? Invoke(MethodInfo method, PgBeamClient client, CancellationToken cancellationToken)
    {
        var arguments = (object?[])_arguments.Clone();
        if (_cancellationIndex >= 0)
        {
            arguments[_cancellationIndex] = cancellationToken;
        }

        var service = Binding.Service.GetValue(client);
        return method.Invoke(service, BindingFlags.DoNotWrapExceptions, null, arguments, null);
    }
}
