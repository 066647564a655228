using System;
using System.Collections.Generic;
using System.Linq;
using PgBeam.ContractTests.Contract;
using PgBeam.ContractTests.Recording;

namespace PgBeam.ContractTests.Calls;

/// <summary>
/// What a call of a given <see cref="CallVariant"/> must put on the wire, derived from the contract: the query keys,
/// whether there is a body, and its field paths (and which of them are explicit nulls).
/// </summary>
internal sealed record ExpectedRequest(IReadOnlySet<string> QueryKeys, bool HasBody, IReadOnlySet<string> BodyFields, IReadOnlySet<string> NullBodyFields)
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    /// <summary>Whether the operation has anything an <see cref="CallVariant.ExplicitNulls"/> call can set to null.</summary>
    public static bool HasNullableFields(ContractOperation operation) => operation.BodyProblem is null && operation.Body?.NullableFields.Count > 0;

    /// <summary>The calls every operation gets: required inputs only, every input, and explicit nulls where its body allows them.</summary>
    public static IReadOnlyList<CallVariant> Variants(ContractOperation operation) =>
        HasNullableFields(operation)
            ? [CallVariant.RequiredOnly, CallVariant.AllFields, CallVariant.ExplicitNulls]
            : [CallVariant.RequiredOnly, CallVariant.AllFields];

    public static ExpectedRequest For(ContractOperation operation, CallVariant variant)
    {
        var body = operation.Body;
        return variant switch
        {
            // An optional body is left out entirely by the minimal call.
            CallVariant.RequiredOnly => new(operation.RequiredQueryKeys, body?.Required == true, body?.Required == true ? body.RequiredFields : None, None),
            CallVariant.AllFields => new(operation.AllQueryKeys, body is not null, body?.AllFields ?? None, None),
            CallVariant.ExplicitNulls when HasNullableFields(operation) => new(operation.RequiredQueryKeys, true, ExplicitNullFields(body!), body!.NullableFields),
            CallVariant.ExplicitNulls => throw new InvalidOperationException($"{operation.OperationId} has no nullable body field for an explicit-null call."),
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, null),
        };
    }

    /// <summary>How <paramref name="exchange"/> differs from this expectation, one sentence per difference; empty when it matches.</summary>
    public IReadOnlyList<string> Differences(RecordedExchange exchange)
    {
        var differences = new List<string>();
        var query = exchange.QueryKeySet;
        differences.AddRange(QueryKeys.Except(query).Order(StringComparer.Ordinal).Select(k => $"query parameter '{k}' did not reach Prism (the call must set it; if it does, the SDK dropped it)"));
        differences.AddRange(query.Except(QueryKeys).Order(StringComparer.Ordinal).Select(k => $"query parameter '{k}' reached Prism but this variant must not send it"));
        if (exchange.QueryKeys.Count != query.Count)
        {
            differences.Add($"a query parameter was sent more than once: {string.Join(", ", exchange.QueryKeys)}");
        }

        if (HasBody != exchange.HasBody)
        {
            differences.Add(HasBody ? "no body reached Prism, but this variant sends one" : "a body reached Prism, but this variant sends none");
        }

        differences.AddRange(BodyFields.Except(exchange.BodyFields).Order(StringComparer.Ordinal).Select(f => $"body field '{f}' did not reach Prism (the call must set it; if it does, the SDK dropped it)"));
        differences.AddRange(exchange.BodyFields.Except(BodyFields).Order(StringComparer.Ordinal).Select(f => $"body field '{f}' reached Prism but this variant must not send it"));
        differences.AddRange(NullBodyFields.Except(exchange.NullBodyFields).Order(StringComparer.Ordinal).Select(f => $"body field '{f}' should reach Prism as an explicit null but did not"));
        differences.AddRange(exchange.NullBodyFields.Except(NullBodyFields).Order(StringComparer.Ordinal).Select(f => $"body field '{f}' reached Prism as null, but this variant sends a value"));
        return differences;
    }

    /// <summary>
    /// What an explicit-null call sends: the required fields, a null in every nullable field, the objects that lead to
    /// them, and whatever those objects themselves require; nothing below a field sent as null.
    /// </summary>
    private static IReadOnlySet<string> ExplicitNullFields(ContractRequestBody body)
    {
        var fields = body.RequiredFields.Concat(body.NullableFields).Concat(body.NullableFields.SelectMany(Ancestors)).ToHashSet(StringComparer.Ordinal);
        bool added;
        do
        {
            added = false;
            foreach (var field in body.LocallyRequiredFields)
            {
                var parent = Ancestors(field).LastOrDefault();
                if (parent is not null && fields.Contains(parent) && !body.NullableFields.Contains(parent))
                {
                    added |= fields.Add(field);
                }
            }
        }
        while (added);

        fields.RemoveWhere(field => Ancestors(field).Any(body.NullableFields.Contains));
        return fields;
    }

    /// <summary>The fields that must be present for <paramref name="path"/> to be: <c>a[].b.c</c> needs <c>a</c> and <c>a[].b</c>.</summary>
    private static IEnumerable<string> Ancestors(string path)
    {
        for (var dot = path.IndexOf('.', StringComparison.Ordinal); dot > 0; dot = path.IndexOf('.', dot + 1))
        {
            var ancestor = path[..dot];
            yield return ancestor.EndsWith("[]", StringComparison.Ordinal) ? ancestor[..^2] : ancestor;
        }
    }
}
