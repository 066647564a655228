using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using PgBeam.ContractTests.Calls;
using PgBeam.ContractTests.Contract;

namespace PgBeam.ContractTests.Derivation;

/// <summary>
/// Where one public operation of the contract lives in the SDK, found by the naming rules alone: the service
/// <c>PgBeamClient.&lt;FirstTag&gt;</c>, the method <c>&lt;OperationId&gt;Async</c> (and its
/// <c>…WithResponseAsync</c> and <c>…AutoPagingAsync</c> siblings when the SDK has them), and which C# parameter
/// carries which contract input. <see cref="Bind"/> fails with a <see cref="DerivationException"/> that says what the
/// SDK lacks, so a contract change the generator did not follow is named, not skipped.
/// </summary>
internal sealed class OperationBinding
{
    /// <summary>The header the SDK sets itself (automatic key, <c>RequestOptions.IdempotencyKey</c>), never a method parameter.</summary>
    public const string IdempotencyHeader = "Idempotency-Key";

    private OperationBinding(ContractOperation operation, PropertyInfo service, MethodInfo method, MethodInfo? withResponse, MethodInfo? autoPaging)
    {
        Operation = operation;
        Service = service;
        Method = method;
        WithResponseMethod = withResponse;
        AutoPagingMethod = autoPaging;
    }

    public ContractOperation Operation { get; }

    /// <summary>The <see cref="PgBeamClient"/> property of the operation's service.</summary>
    public PropertyInfo Service { get; }

    /// <summary><c>&lt;OperationId&gt;Async</c> on the service interface.</summary>
    public MethodInfo Method { get; }

    /// <summary><c>&lt;OperationId&gt;WithResponseAsync</c>, when the SDK has it.</summary>
    public MethodInfo? WithResponseMethod { get; }

    /// <summary><c>&lt;OperationId&gt;AutoPagingAsync</c>, when the SDK has it.</summary>
    public MethodInfo? AutoPagingMethod { get; }

    /// <summary>The typed result of <see cref="Method"/>: the body type, <see cref="string"/> for a streamed body (read whole), null for none.</summary>
    public Type? ResultType => ResultOf(Method.ReturnType);

    /// <summary>Binds <paramref name="operation"/> to the SDK's surface, or says what is missing.</summary>
    public static OperationBinding Bind(ContractOperation operation)
    {
        var serviceName = NameRules.Pascal(operation.ServiceTag);
        var service = typeof(PgBeamClient).GetProperty(serviceName, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new DerivationException(
                $"{operation}: PgBeamClient has no service '{serviceName}' for the tag '{operation.ServiceTag}'. `dotnet build` generates one per tag " +
                "(build/templates, generated/PgBeam.g.cs); if it ran, the generator lost the tag.");

        var methodName = NameRules.MethodName(operation.OperationId);
        var method = Single(service.PropertyType, methodName, operation)
            ?? throw new DerivationException(
                $"{operation}: {service.PropertyType.Name} has no method {methodName}. `dotnet build` generates it from the contract; a hand-written " +
                "method (as for text/csv answers) goes in src/PgBeam/Services as a partial of the service.");
        var withResponse = Single(service.PropertyType, NameRules.Pascal(operation.OperationId) + "WithResponseAsync", operation);
        var autoPaging = Single(service.PropertyType, NameRules.Pascal(operation.OperationId) + "AutoPagingAsync", operation);
        if (!typeof(Task).IsAssignableFrom(method.ReturnType))
        {
            throw new DerivationException($"{operation}: {service.PropertyType.Name}.{methodName} returns {method.ReturnType.Name}, not a Task.");
        }

        var binding = new OperationBinding(operation, service, method, withResponse, autoPaging);
        binding.CheckParameters(method);
        if (withResponse is not null)
        {
            binding.CheckParameters(withResponse);
        }

        foreach (var header in operation.HeaderParameters.Where(h => h.Name != IdempotencyHeader))
        {
            var name = NameRules.Camel(header.Name);
            if (!HasParameter(method, name) && (withResponse is null || !HasParameter(withResponse, name)))
            {
                throw new DerivationException(
                    $"{operation}: the header '{header.Name}' reaches no parameter '{name}' of {methodName}" +
                    (withResponse is null ? string.Empty : " or " + withResponse.Name) + ": the generator dropped it (build/templates/Client.Method.Signature.liquid).");
            }
        }

        return binding;
    }

    /// <summary>
    /// The arguments of a call of <paramref name="variant"/>, and what it must put on the wire. The complete call goes
    /// through <c>…WithResponseAsync</c> when the SDK has it (it takes every header), the others through <c>…Async</c>.
    /// </summary>
    /// <param name="variant">Which inputs the call sets.</param>
    /// <param name="queryOverrides">Query values to use instead of derived ones (by contract name); a null value leaves the parameter out.</param>
    public DerivedCall Derive(CallVariant variant, IReadOnlyDictionary<string, object?>? queryOverrides = null) =>
        Derive(variant == CallVariant.AllFields && WithResponseMethod is not null ? WithResponseMethod : Method, variant, queryOverrides);

    /// <summary>The arguments of a call of <paramref name="variant"/> through <paramref name="method"/> (one of this binding's methods).</summary>
    public DerivedCall Derive(MethodInfo method, CallVariant variant, IReadOnlyDictionary<string, object?>? queryOverrides = null)
    {
        var fill = variant switch
        {
            CallVariant.RequiredOnly => Fill.Required,
            CallVariant.AllFields => Fill.All,
            _ => Fill.Nulls,
        };
        var pathValues = new Dictionary<string, string>(StringComparer.Ordinal);
        var queryValues = new Dictionary<string, string>(StringComparer.Ordinal);
        var headerValues = new Dictionary<string, string>(StringComparer.Ordinal);
        var parameters = method.GetParameters();
        var arguments = new object?[parameters.Length];
        var cancellationIndex = -1;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var where = $"{Operation.OperationId} {parameter.Name}";
            if (parameter.ParameterType == typeof(CancellationToken))
            {
                cancellationIndex = i;
            }
            else if (parameter.ParameterType == typeof(RequestOptions))
            {
                arguments[i] = null;
            }
            else if (parameter.Name == "body")
            {
                arguments[i] = BuildBody(parameter.ParameterType, fill);
            }
            else if (parameter.Name == "parameters")
            {
                arguments[i] = fill == Fill.All || queryOverrides is not null
                    ? BuildParameters(parameter.ParameterType, fill, queryValues, queryOverrides)
                    : null;
            }
            else
            {
                var contract = ContractParameterOf(parameter)!;
                var value = contract.In == "query" && queryOverrides is not null && queryOverrides.TryGetValue(contract.Name, out var overridden)
                    ? As(overridden, parameter.ParameterType)
                    : contract.Required || fill == Fill.All
                        ? RequestValues.Build(parameter.ParameterType, contract.Schema, contract.Name, null, Fill.All, where)
                        : null;
                arguments[i] = value ?? (parameter.HasDefaultValue ? parameter.DefaultValue : null);
                if (value is not null)
                {
                    var text = QueryText.Of(value);
                    (contract.In switch { "path" => pathValues, "query" => queryValues, _ => headerValues })[contract.Name] = text;
                }
            }
        }

        return new DerivedCall(this, method, variant, arguments, cancellationIndex, pathValues, queryValues, headerValues);
    }

    /// <summary>The awaited result of a method's return type: null for none, <see cref="string"/> for a stream, unwrapped from a response wrapper.</summary>
    public static Type? ResultOf(Type returnType)
    {
        if (!returnType.IsGenericType)
        {
            return null;
        }

        var result = returnType.GetGenericArguments()[0];
        if (result.Name.StartsWith("PgBeamResponse", StringComparison.Ordinal))
        {
            return result.IsGenericType ? result.GetGenericArguments()[0] : null;
        }

        return typeof(Stream).IsAssignableFrom(result) ? typeof(string) : result;
    }

    /// <summary>
    /// The method of that name whose parameters are all contract inputs; a hand-written convenience overload (one
    /// that also takes a destination stream, say) is not the operation's method.
    /// </summary>
    private static MethodInfo? Single(Type service, string name, ContractOperation operation)
    {
        var methods = service.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name == name).ToList();
        if (methods.Count <= 1)
        {
            return methods.SingleOrDefault();
        }

        var contractShaped = methods.Where(m => m.GetParameters().All(p =>
            p.ParameterType == typeof(CancellationToken) || p.ParameterType == typeof(RequestOptions) || p.Name is "body" or "parameters" ||
            operation.Parameters.Any(c => NameRules.Camel(c.Name) == p.Name))).ToList();
        return contractShaped.Count == 1
            ? contractShaped[0]
            : throw new DerivationException(
                $"{service.Name} has {contractShaped.Count} overloads of {name} that take only contract inputs; the derived calls expect one " +
                "(tests/PgBeam.ContractTests/Derivation/OperationBinding.cs).");
    }

    /// <summary>An override converted to the C# type that carries it (<c>2</c> for a <c>long?</c> page size).</summary>
    private static object? As(object? value, Type type) =>
        value is null ? null : Convert.ChangeType(value, System.Nullable.GetUnderlyingType(type) ?? type, System.Globalization.CultureInfo.InvariantCulture);

    private static bool HasParameter(MethodInfo method, string name) => method.GetParameters().Any(p => p.Name == name);

    /// <summary>Every C# parameter maps to a contract input, and every path and required query parameter has a C# parameter.</summary>
    private void CheckParameters(MethodInfo method)
    {
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.ParameterType == typeof(CancellationToken) || parameter.ParameterType == typeof(RequestOptions))
            {
                continue;
            }

            if (parameter.Name == "body")
            {
                if (Operation.BodyShape is null)
                {
                    throw new DerivationException($"{Operation}: {method.Name} takes a body, but the contract declares no request body.");
                }

                continue;
            }

            if (parameter.Name == "parameters")
            {
                continue;
            }

            if (ContractParameterOf(parameter) is null)
            {
                throw new DerivationException(
                    $"{Operation}: the parameter '{parameter.Name}' of {method.Name} matches no path, query or header parameter of the contract (camelCase of its name).");
            }
        }

        foreach (var required in Operation.Parameters.Where(p => p.Required && p.In is "path" or "query"))
        {
            if (!HasParameter(method, NameRules.Camel(required.Name)))
            {
                throw new DerivationException(
                    $"{Operation}: {method.Name} has no parameter '{NameRules.Camel(required.Name)}' for the required {required}.");
            }
        }

        if (Operation.BodyShape is not null && !HasParameter(method, "body"))
        {
            throw new DerivationException($"{Operation}: {method.Name} has no 'body' parameter for the contract's request body.");
        }

        var optionalQuery = Operation.QueryParameters.Where(p => !p.Required && !HasParameter(method, NameRules.Camel(p.Name))).ToList();
        var parametersType = method.GetParameters().FirstOrDefault(p => p.Name == "parameters")?.ParameterType;
        foreach (var query in optionalQuery)
        {
            if (parametersType?.GetProperty(NameRules.Pascal(query.Name)) is null)
            {
                throw new DerivationException(
                    $"{Operation}: the optional {query} reaches neither a parameter of {method.Name} nor a property '{NameRules.Pascal(query.Name)}' of " +
                    $"{parametersType?.Name ?? NameRules.Pascal(Operation.OperationId) + "Params (missing)"}: the SDK cannot send it.");
            }
        }
    }

    private ContractParameter? ContractParameterOf(ParameterInfo parameter) =>
        Operation.Parameters.FirstOrDefault(p => p.Name != IdempotencyHeader && NameRules.Camel(p.Name) == parameter.Name);

    private object? BuildBody(Type type, Fill fill)
    {
        var shape = Operation.BodyShape!;
        if (Operation.BodyProblem is { } problem)
        {
            throw new DerivationException(
                $"{Operation}: {problem} (tests/PgBeam.ContractTests/Contract/SchemaFieldPaths.cs decides which fields a complete call sends).");
        }

        return fill == Fill.Required && !shape.Required
            ? null // an optional body is left out entirely by the minimal call
            : RequestValues.Build(type, shape.Schema, "body", null, fill, Operation.OperationId + " body");
    }

    private object BuildParameters(Type type, Fill fill, Dictionary<string, string> queryValues, IReadOnlyDictionary<string, object?>? overrides)
    {
        var instance = Activator.CreateInstance(type)
            ?? throw new DerivationException($"{Operation}: {type.Name} has no parameterless constructor.");
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var contract = Operation.QueryParameters.FirstOrDefault(p => NameRules.Pascal(p.Name) == property.Name)
                ?? throw new DerivationException(
                    $"{Operation}: {type.Name}.{property.Name} matches no query parameter of the contract (PascalCase of its name).");
            object? value;
            if (overrides is not null && overrides.TryGetValue(contract.Name, out var overridden))
            {
                value = As(overridden, property.PropertyType);
            }
            else if (fill == Fill.All)
            {
                value = RequestValues.Build(property.PropertyType, contract.Schema, contract.Name, null, Fill.All, $"{Operation.OperationId} query {contract.Name}");
            }
            else
            {
                continue;
            }

            property.SetValue(instance, value);
            if (value is not null)
            {
                queryValues[contract.Name] = QueryText.Of(value);
            }
        }

        return instance;
    }
}
