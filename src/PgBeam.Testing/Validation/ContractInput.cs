using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using PgBeam.Testing.Contract;
using PgBeam.Testing.Routing;

namespace PgBeam.Testing.Validation;

/// <summary>
/// Checks a modelled operation's query and body against the schemas the contract declares for it (types, enums,
/// lengths, ranges, formats), reporting every rejected field at once, before the endpoint applies the rules a schema
/// cannot say (uniqueness, references to other resources, combinations of fields).
/// </summary>
internal static class ContractInput
{
    /// <summary>The body, checked against the operation's request schema; an optional body left out reads as <c>{}</c>.</summary>
    public static JsonBody Body(SandboxCall call, string operationId)
    {
        var operation = OperationOf(operationId);
        var optional = !operation.RequestBodyRequired;
        if (call.RawBody is { Length: > 0 } raw && operation.RequestSchema is { } schema)
        {
            Reject(new SchemaValidator(SandboxContract.Default).Validate(JsonBody.ReadToken(raw), schema));
        }

        return optional ? call.OptionalBody() : call.Body();
    }

    /// <summary>Checks every query parameter the operation declares (required ones present, values by their schema).</summary>
    public static void Query(SandboxCall call, string operationId)
    {
        var validator = new SchemaValidator(SandboxContract.Default);
        var errors = new List<SandboxFieldError>();
        foreach (var parameter in OperationOf(operationId).Parameters.Where(p => p.Location == "query"))
        {
            var value = call.Query.Pairs.LastOrDefault(p => p.Key == parameter.Name).Value;
            if (value is null)
            {
                if (parameter.Required)
                {
                    errors.Add(new SandboxFieldError(parameter.Name, "required", $"Missing required query parameter '{parameter.Name}'."));
                }
            }
            else if (validator.ValidateParameter(parameter.Name, value, parameter.Schema) is { } error)
            {
                errors.Add(error);
            }
        }

        Reject(errors);
    }

    private static ContractOperation OperationOf(string operationId) =>
        SandboxContract.Default.Operations.FirstOrDefault(o => o.OperationId == operationId)
        ?? throw new InvalidOperationException($"The contract has no operation '{operationId}'.");

    private static void Reject(List<SandboxFieldError> errors)
    {
        if (errors.Count > 0)
        {
            var more = errors.Count > 1 ? FormattableString.Invariant($" ({errors.Count - 1} more in errors)") : string.Empty;
            throw new SandboxProblem(HttpStatusCode.BadRequest, SandboxProblem.InvalidInputCode, errors[0].Message + more, errors.ToArray());
        }
    }
}
