using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PgBeam.CodeGen.Contract;
using PgBeam.CodeGen.Naming;

namespace PgBeam.CodeGen.Normalization;

/// <summary>
/// Computes, once per operation, the facts every method template needs about its parameters and stamps them as
/// <c>x-pgbeam-call</c>: <c>pathVariables</c> (the path parameters' camelCase variables, in path order: the order of
/// the method's first parameters), <c>leadingArguments</c> (those, then the required query parameters': what a
/// method passes on positionally to its request builder or to itself for the next page) and <c>optionalQuery</c>
/// (true when an <c>&lt;OperationId&gt;Params</c> object carries optional query parameters). The templates only
/// print them (Liquid partials cannot hand values back to their caller, so a fact computed in a template would be
/// computed again in each template that needs it).
/// </summary>
internal static class OperationFacts
{
    public const string Extension = "x-pgbeam-call";

    public static void Apply(ContractDocument document)
    {
        foreach (var operation in document.Operations().ToList())
        {
            var pathVariables = PathParameterNames(operation).Select(NameRules.Camel).ToList();
            var query = operation.Parameters().Where(p => ContractDocument.Text(p.Parameter["in"]) == "query").ToList();
            var requiredQuery = query.Where(p => IsRequired(p.Parameter)).Select(p => NameRules.Camel(ContractDocument.Text(p.Parameter["name"]) ?? string.Empty));
            var facts = new JsonObject
            {
                ["pathVariables"] = new JsonArray(pathVariables.Select(v => (JsonNode)v).ToArray()),
                ["leadingArguments"] = new JsonArray(pathVariables.Concat(requiredQuery).Select(v => (JsonNode)v).ToArray()),
            };
            if (query.Any(p => !IsRequired(p.Parameter)))
            {
                facts["optionalQuery"] = true;
            }

            operation.Node[Extension] = facts;
        }
    }

    /// <summary>The names of the path parameters in the order the path template names them.</summary>
    public static IEnumerable<string> PathParameterNames(ContractOperation operation) =>
        operation.Path.Split('/').Where(s => s.Length > 2 && s[0] == '{' && s[^1] == '}').Select(s => s[1..^1]);

    private static bool IsRequired(JsonObject parameter) =>
        parameter["required"] is JsonValue value && value.TryGetValue<bool>(out var required) && required;
}
