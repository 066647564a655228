using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace PgBeam.Testing.Contract;

/// <summary>One operation of the contract, with its parameters, request body and responses, <c>$ref</c>s resolved.</summary>
internal sealed class ContractOperation
{
    /// <summary>Tags whose operations are outside the SDK: service-to-service calls and the MCP transport.</summary>
    private static readonly string[] NonPublicTags = ["Internal", "MCP"];

    public ContractOperation(
        string method,
        string template,
        string operationId,
        IReadOnlyList<string> tags,
        bool excludedFromSdk,
        bool requiresAuthentication,
        IReadOnlyList<ContractParameter> parameters,
        JObject? requestBody,
        IReadOnlyList<ContractResponse> responses)
    {
        Method = method;
        Template = template;
        OperationId = operationId;
        Tags = tags;
        IsPublic = !excludedFromSdk && !tags.Any(t => NonPublicTags.Contains(t, StringComparer.Ordinal));
        RequiresAuthentication = requiresAuthentication;
        Parameters = parameters;
        RequestBody = requestBody;
        Responses = responses;
    }

    /// <summary>Upper case (<c>GET</c>).</summary>
    public string Method { get; }

    /// <summary>The contract's path (<c>/v1/projects/{project_id}</c>).</summary>
    public string Template { get; }

    public string OperationId { get; }

    public IReadOnlyList<string> Tags { get; }

    /// <summary>Whether the SDK offers it (not tagged <c>Internal</c> or <c>MCP</c>, not marked <c>x-sdk-exclude</c>).</summary>
    public bool IsPublic { get; }

    /// <summary>False where the contract lifts security (<c>security: []</c>), as for health.</summary>
    public bool RequiresAuthentication { get; }

    public IReadOnlyList<ContractParameter> Parameters { get; }

    /// <summary>The resolved <c>requestBody</c> object, or null when the operation takes none.</summary>
    public JObject? RequestBody { get; }

    public IReadOnlyList<ContractResponse> Responses { get; }

    public string Display => $"{OperationId} ({Method} {Template})";

    /// <summary>Whether the operation declares a header parameter of this name (any case).</summary>
    public bool DeclaresHeader(string name) =>
        Parameters.Any(p => p.Location == "header" && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether it declares a response with this exact status.</summary>
    public bool DeclaresStatus(int status) => Responses.Any(r => r.Status == status.ToString(CultureInfo.InvariantCulture));

    /// <summary>The schema of the JSON request body, or null.</summary>
    public JObject? RequestSchema => RequestBody?["content"] is JObject content
        ? content.Properties().FirstOrDefault(p => IsJson(p.Name))?.Value["schema"] as JObject
        : null;

    public bool RequestBodyRequired => RequestBody?.Value<bool?>("required") == true;

    /// <summary>The lowest declared 2xx response: what a successful call answers.</summary>
    public ContractResponse? Success => Responses
        .Where(r => r.Status.Length == 3 && r.Status[0] == '2' && char.IsDigit(r.Status[1]))
        .OrderBy(r => r.Status, StringComparer.Ordinal)
        .FirstOrDefault();

    /// <summary>
    /// The response the contract declares for an error status: the exact code, else its class (<c>4XX</c>), else
    /// <c>default</c>; null when it declares none.
    /// </summary>
    public ContractResponse? ResponseFor(int status)
    {
        var exact = status.ToString(CultureInfo.InvariantCulture);
        return Responses.FirstOrDefault(r => r.Status == exact)
            ?? Responses.FirstOrDefault(r => string.Equals(r.Status, exact[0] + "XX", StringComparison.OrdinalIgnoreCase))
            ?? Responses.FirstOrDefault(r => r.Status == "default");
    }

    public static bool IsJson(string mediaType) =>
        mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
}
