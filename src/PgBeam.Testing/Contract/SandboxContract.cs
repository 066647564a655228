using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace PgBeam.Testing.Contract;

/// <summary>
/// The API contract the sandbox routes by and derives answers from: <c>openapi/pgbeam.yaml</c>, embedded in this
/// assembly when it is built, so a new operation in the contract reaches the sandbox with no hand edit.
/// </summary>
internal sealed partial class SandboxContract
{
    private const string ResourceName = "PgBeam.Testing.Contract.pgbeam.yaml";
    private static readonly string[] Methods = ["get", "put", "post", "patch", "delete"];
    private static readonly Lazy<SandboxContract> Embedded = new(LoadEmbedded);
    private readonly Dictionary<string, string> _idPrefixes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<JObject, FlatSchema> _flat = new(ReferenceEqualityComparer.Instance);

    private SandboxContract(JObject document)
    {
        Document = document;
        Operations = ReadOperations().ToArray();
        foreach (var parameter in Operations.SelectMany(o => o.Parameters).Where(p => p.Location == "path"))
        {
            if (!_idPrefixes.ContainsKey(parameter.Name) && ParameterPrefix(parameter) is { } prefix)
            {
                _idPrefixes[parameter.Name] = prefix;
            }
        }

        ConditionalReadsDeclared = Operations.Any(o => o.DeclaresHeader("If-None-Match"));
        ConditionalWritesDeclared = Operations.Any(o => o.DeclaresHeader("If-Match"));
    }

    /// <summary>The contract built into this assembly.</summary>
    public static SandboxContract Default => Embedded.Value;

    public JObject Document { get; }

    /// <summary>Every operation, in the contract's order.</summary>
    public IReadOnlyList<ContractOperation> Operations { get; }

    /// <summary>Whether any operation declares <c>If-None-Match</c>; a contract that declares none leaves every GET conditional.</summary>
    public bool ConditionalReadsDeclared { get; }

    /// <summary>Whether any operation declares <c>If-Match</c>; a contract that declares none leaves PUT and PATCH conditional where a GET reads the same path.</summary>
    public bool ConditionalWritesDeclared { get; }

    /// <summary>Reads a contract (YAML or JSON) from text; the sandbox uses <see cref="Default"/>.</summary>
    public static SandboxContract Load(TextReader reader) =>
        new(YamlJson.Read(reader) as JObject ?? throw new InvalidDataException("The contract is not a YAML mapping."));

    /// <summary>Follows <c>$ref</c>s (<c>#/components/schemas/Project</c>) until it reaches an object that is not one.</summary>
    public JObject Resolve(JObject node)
    {
        for (var hops = 0; node["$ref"] is JValue { Type: JTokenType.String } reference; hops++)
        {
            if (hops > 32)
            {
                throw new InvalidDataException($"The contract's $ref {reference} does not end.");
            }

            node = Document.SelectToken(ToJsonPath((string)reference!)) as JObject
                ?? throw new InvalidDataException($"The contract's $ref {reference} points at nothing.");
        }

        return node;
    }

    /// <summary>The schema with references followed and <c>allOf</c> merged (computed once per schema node).</summary>
    public FlatSchema Flatten(JObject schema) => _flat.GetOrAdd(schema, s => FlatSchema.From(this, s));

    /// <summary>The last segment of a <c>$ref</c> (<c>Project</c>), or null when the node is not a reference.</summary>
    public static string? ReferenceName(JObject node) =>
        node["$ref"] is JValue { Type: JTokenType.String } reference ? ((string)reference!).Split('/')[^1] : null;

    /// <summary>The id prefix of a path parameter (<c>project_id</c> → <c>prj</c>), from its description or example; null when unknown.</summary>
    public string? IdPrefixOf(string parameterName) => _idPrefixes.GetValueOrDefault(parameterName);

    /// <summary>The prefix of an id-shaped example (<c>prj_01h4…</c> → <c>prj</c>); null when it does not look like one.</summary>
    public static string? PrefixOfExample(JToken? example) =>
        example is JValue { Type: JTokenType.String } value && IdExample().Match((string)value!) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>Whether a security list demands credentials: not empty, and not offering the anonymous requirement <c>{}</c>.</summary>
    private static bool RequiresKey(JArray? security) =>
        security is { Count: > 0 } && !security.Any(requirement => requirement is JObject { Count: 0 });

    private static SandboxContract LoadEmbedded()
    {
        using var stream = typeof(SandboxContract).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"PgBeam.Testing was built without its contract resource '{ResourceName}'.");
        using var reader = new StreamReader(stream);
        return Load(reader);
    }

    private IEnumerable<ContractOperation> ReadOperations()
    {
        var globalSecurity = RequiresKey(Document["security"] as JArray);
        foreach (var path in (Document["paths"] as JObject)?.Properties() ?? [])
        {
            if (path.Value is not JObject item)
            {
                continue;
            }

            var shared = Parameters(item["parameters"]);
            foreach (var method in Methods)
            {
                if (item[method] is not JObject operation)
                {
                    continue;
                }

                var own = Parameters(operation["parameters"]);
                var parameters = own.Concat(shared.Where(s => !own.Any(o => o.Name == s.Name && o.Location == s.Location))).ToArray();
                var tags = (operation["tags"] as JArray)?.Select(t => (string)t!).ToArray() ?? [];
                var excluded = operation["x-sdk-exclude"] is not null || tags.Any(TagExcluded);
                var security = operation["security"] is JArray ownSecurity ? RequiresKey(ownSecurity) : globalSecurity;
                var body = operation["requestBody"] is JObject requestBody ? Resolve(requestBody) : null;
                yield return new ContractOperation(
                    method.ToUpperInvariant(),
                    path.Name,
                    (string?)operation["operationId"] ?? throw new InvalidDataException($"{method.ToUpperInvariant()} {path.Name} has no operationId."),
                    tags,
                    excluded,
                    security,
                    parameters,
                    body,
                    Responses(operation["responses"] as JObject));
            }
        }
    }

    private bool TagExcluded(string tag) =>
        (Document["tags"] as JArray)?.OfType<JObject>().Any(t => (string?)t["name"] == tag && t["x-sdk-exclude"] is not null) == true;

    private List<ContractParameter> Parameters(JToken? list) =>
        (list as JArray)?.OfType<JObject>().Select(Resolve).Select(p => new ContractParameter(
            (string)p["name"]!,
            (string)p["in"]!,
            p.Value<bool?>("required") == true,
            p["schema"] is JObject schema ? schema : new JObject(),
            p)).ToList() ?? [];

    private List<ContractResponse> Responses(JObject? responses)
    {
        var result = new List<ContractResponse>();
        foreach (var response in responses?.Properties() ?? [])
        {
            var resolved = response.Value is JObject value ? Resolve(value) : new JObject();
            var content = (resolved["content"] as JObject)?.Properties().ToDictionary(
                c => c.Name,
                c => c.Value["schema"] as JObject,
                StringComparer.OrdinalIgnoreCase) ?? new Dictionary<string, JObject?>(StringComparer.OrdinalIgnoreCase);
            var headers = (resolved["headers"] as JObject)?.Properties().Select(h => h.Name).ToArray() ?? [];
            result.Add(new ContractResponse(response.Name, content, headers));
        }

        return result;
    }

    private static string? ParameterPrefix(ContractParameter parameter)
    {
        if (PrefixOfExample(parameter.Schema["example"]) is { } fromExample)
        {
            return fromExample;
        }

        var description = parameter.Description;
        return description is not null && DescribedPrefix().Match(description) is { Success: true } match ? match.Groups[1].Value : null;
    }

    private static string ToJsonPath(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"The sandbox reads only local $refs; got {reference}.");
        }

        var parts = reference[2..].Split('/').Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        return "$" + string.Concat(parts.Select(p => "['" + p.Replace("'", "\\'", StringComparison.Ordinal) + "']"));
    }

    [GeneratedRegex("^([a-z]{2,5})_[0-9a-z]{6,}$")]
    private static partial Regex IdExample();

    [GeneratedRegex(@"\b([a-z]{2,5})_xxx\b")]
    private static partial Regex DescribedPrefix();
}
