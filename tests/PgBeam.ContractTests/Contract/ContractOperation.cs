using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace PgBeam.ContractTests.Contract;

/// <summary>One operation of the contract, with the inputs a complete call sends.</summary>
internal sealed class ContractOperation
{
    private readonly Regex _pathPattern;

    public ContractOperation(
        string operationId,
        string method,
        string pathTemplate,
        IReadOnlyList<string> tags,
        IReadOnlyList<ContractQueryParameter> queryParameters,
        ContractRequestBody? body)
    {
        OperationId = operationId;
        Method = method;
        PathTemplate = pathTemplate;
        Tags = tags;
        QueryParameters = queryParameters;
        Body = body;
        _pathPattern = new Regex(
            "^" + Regex.Replace(Regex.Escape(pathTemplate), @"\\\{[^/]+?}", "[^/]+") + "$",
            RegexOptions.CultureInvariant);
        LiteralSegments = pathTemplate.Split('/', StringSplitOptions.RemoveEmptyEntries).Count(s => !s.Contains('{', StringComparison.Ordinal));
    }

    /// <summary>The contract's operation id (<c>createProject</c>).</summary>
    public string OperationId { get; }

    /// <summary>Upper-case HTTP method.</summary>
    public string Method { get; }

    /// <summary>The path as the contract writes it (<c>/v1/projects/{project_id}</c>).</summary>
    public string PathTemplate { get; }

    public IReadOnlyList<string> Tags { get; }

    public IReadOnlyList<ContractQueryParameter> QueryParameters { get; }

    /// <summary>The JSON request body, or null when the operation takes none.</summary>
    public ContractRequestBody? Body { get; }

    /// <summary>How many path segments are fixed text: a literal segment wins over a parameter when both match.</summary>
    public int LiteralSegments { get; }

    public IReadOnlySet<string> RequiredQueryKeys => QueryParameters.Where(p => p.Required).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    public IReadOnlySet<string> AllQueryKeys => QueryParameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether a request with this method and (escaped, absolute) path is a call of this operation.</summary>
    public bool Matches(string method, string path) =>
        string.Equals(method, Method, StringComparison.OrdinalIgnoreCase) && _pathPattern.IsMatch(path);

    public override string ToString() => $"{OperationId} ({Method} {PathTemplate})";
}
