using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PgBeam.CodeGen.Contract;

/// <summary>
/// Reads the YAML contract into a JSON tree, the form NSwag is handed. Plain scalars that YAML's core schema types
/// (booleans, integers, decimals, null) become those JSON types; quoted scalars and everything else stay strings.
/// </summary>
internal static class YamlContract
{
    public static JsonObject Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    public static JsonObject Parse(TextReader reader, string name)
    {
        var stream = new YamlStream();
        stream.Load(reader);
        if (stream.Documents.Count != 1)
        {
            throw new InvalidDataException($"{name} holds {stream.Documents.Count} YAML documents; a contract has exactly one.");
        }

        return Convert(stream.Documents[0].RootNode) as JsonObject
            ?? throw new InvalidDataException($"{name} is not a YAML mapping.");
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair =>
            new System.Collections.Generic.KeyValuePair<string, JsonNode?>(((YamlScalarNode)pair.Key).Value ?? string.Empty, Convert(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException($"Unsupported YAML node {node.NodeType} at {node.Start}."),
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            "null" or "Null" or "NULL" or "~" or "" => null,
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
            _ when IsDecimal(text) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        };
    }

    /// <summary>A YAML 1.2 core-schema float such as <c>0.5</c> or <c>1e3</c> (not <c>1.2.3</c> nor a version-like word).</summary>
    private static bool IsDecimal(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, @"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
}
