using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace PgBeam.ContractTests.Contract;

/// <summary>One operation of the contract, with the inputs a complete call sends and the answers it may get.</summary>
internal sealed class ContractOperation
{
    private readonly Regex _pathPattern;
    private readonly ContractRequestBody? _body;

    public ContractOperation(
        string operationId,
        string method,
        string pathTemplate,
        IReadOnlyList<string> tags,
        bool excludedFromSdk,
        IReadOnlyList<ContractParameter> parameters,
        ContractBodyShape? bodyShape,
        ContractRequestBody? body,
        string? bodyProblem,
        IReadOnlyList<ContractResponse> successResponses,
        ContractPagination? pagination)
    {
        OperationId = operationId;
        Method = method;
        PathTemplate = pathTemplate;
        Tags = tags;
        ExcludedFromSdk = excludedFromSdk;
        Parameters = parameters;
        BodyShape = bodyShape;
        _body = body;
        BodyProblem = bodyProblem;
        SuccessResponses = successResponses;
        Pagination = pagination;
        _pathPattern = new Regex(
            "^" + Regex.Replace(Regex.Escape(pathTemplate), @"\\\{[^/]+?}", "[^/]+") + "$",
            RegexOptions.CultureInvariant);
        LiteralSegments = pathTemplate.Split('/', StringSplitOptions.RemoveEmptyEntries).Count(s => !s.Contains('{', StringComparison.Ordinal));
    }

    /// <summary>The contract's operation id (<c>createProject</c>).</summary>
    public string OperationId { get; }

    /// <summary>Marked <c>x-pgbeam-idempotency: refused</c>: the SDK sends it no automatic <c>Idempotency-Key</c>.</summary>
    public bool RefusesIdempotencyKey { get; init; }

    /// <summary>Upper-case HTTP method.</summary>
    public string Method { get; }

    /// <summary>The path as the contract writes it (<c>/v1/projects/{project_id}</c>).</summary>
    public string PathTemplate { get; }

    public IReadOnlyList<string> Tags { get; }

    /// <summary>Whether the operation stays out of the SDK: tagged <c>Internal</c> or <c>MCP</c>, or marked <c>x-sdk-exclude</c>.</summary>
    public bool ExcludedFromSdk { get; }

    /// <summary>Path, query and header parameters, path-level ones included (the operation's own win).</summary>
    public IReadOnlyList<ContractParameter> Parameters { get; }

    public IReadOnlyList<ContractParameter> PathParameters => Parameters.Where(p => p.In == "path").ToList();

    public IReadOnlyList<ContractParameter> QueryParameters => Parameters.Where(p => p.In == "query").ToList();

    public IReadOnlyList<ContractParameter> HeaderParameters => Parameters.Where(p => p.In == "header").ToList();

    /// <summary>The request body's schema and whether it is required, or null when the operation takes none.</summary>
    public ContractBodyShape? BodyShape { get; }

    /// <summary>
    /// The JSON request body as field paths, or null when the operation takes none. Throws when the body's schema
    /// uses a construct the field walk cannot enumerate (see <see cref="BodyProblem"/>).
    /// </summary>
    public ContractRequestBody? Body => BodyProblem is null ? _body : throw new NotSupportedException($"{OperationId}: {BodyProblem}");

    /// <summary>Why the body's field paths cannot be listed, or null when they can (or there is no body).</summary>
    public string? BodyProblem { get; }

    /// <summary>The 2xx responses, lowest status first.</summary>
    public IReadOnlyList<ContractResponse> SuccessResponses { get; }

    /// <summary>How the operation pages, or null when it is not a paged list.</summary>
    public ContractPagination? Pagination { get; }

    /// <summary>The service the SDK puts the operation on: the first tag.</summary>
    public string ServiceTag => Tags.Count > 0 ? Tags[0] : throw new InvalidOperationException($"{OperationId} has no tag, so no service.");

    /// <summary>How many path segments are fixed text: a literal segment wins over a parameter when both match.</summary>
    public int LiteralSegments { get; }

    public IReadOnlySet<string> RequiredQueryKeys => QueryParameters.Where(p => p.Required).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    public IReadOnlySet<string> AllQueryKeys => QueryParameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether a request with this method and (escaped, absolute) path is a call of this operation.</summary>
    public bool Matches(string method, string path) =>
        string.Equals(method, Method, StringComparison.OrdinalIgnoreCase) && _pathPattern.IsMatch(path);

    /// <summary>The path with each <c>{name}</c> replaced by the escaped value <paramref name="values"/> gives it.</summary>
    public string ExpandPath(Func<string, string> values) =>
        Regex.Replace(PathTemplate, @"\{([^/}]+)\}", match => Uri.EscapeDataString(values(match.Groups[1].Value)), RegexOptions.CultureInvariant);

    public override string ToString() => $"{OperationId} ({Method} {PathTemplate})";
}
