using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using PgBeam.CodeGen.Contract;
using PgBeam.CodeGen.Normalization;

namespace PgBeam.Tests.Generation;

/// <summary>A small contract run through the normalizer, with the look-ups the tests assert on.</summary>
internal sealed class NormalizedContract
{
    private NormalizedContract(JsonObject root, ContractProblems problems)
    {
        Root = root;
        Problems = problems;
    }

    public JsonObject Root { get; }

    public ContractProblems Problems { get; }

    public JsonObject Schemas => (JsonObject)Root["components"]!["schemas"]!;

    /// <summary>Normalizes <paramref name="yaml"/> (an OpenAPI document); <paramref name="handWritten"/> are operation ids src/PgBeam/Services implements.</summary>
    public static NormalizedContract From(string yaml, params string[] handWritten)
    {
        var root = YamlContract.Parse(new StringReader(yaml), "test.yaml");
        var problems = ContractNormalizer.Normalize(root, new NormalizerOptions { HandWrittenOperations = handWritten.ToHashSet() });
        return new NormalizedContract(root, problems);
    }

    public JsonObject Operation(string operationId) =>
        Root["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(m => m.Value is JsonObject o && o["operationId"]?.GetValue<string>() == operationId))
            .Select(m => m.Value!.AsObject())
            .Single();

    public bool HasOperation(string operationId) =>
        Root["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()).Any(m => m.Value is JsonObject o && o["operationId"]?.GetValue<string>() == operationId);

    public JsonObject Schema(string name) => Schemas[name]!.AsObject();

    /// <summary>The component a property refers to, through an allOf wrapper too.</summary>
    public static string? RefOf(JsonNode? node) => ContractDocument.ComponentName(node);

    public static string[] Strings(JsonNode? array) => array!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
}
