using System.Globalization;
using System.IO;
using System.Linq;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PgBeam.ContractTests.Contract;

/// <summary>
/// Reads a YAML document into Json.NET tokens, so the contract can be walked like the JSON it describes.
/// Plain scalars that YAML's core schema types (booleans, integers, null) become those JSON types; everything else,
/// and every quoted scalar, stays a string.
/// </summary>
internal static class YamlToJson
{
    public static JToken Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        if (stream.Documents.Count != 1)
        {
            throw new InvalidDataException($"{path} holds {stream.Documents.Count} YAML documents; a contract has exactly one.");
        }

        return Convert(stream.Documents[0].RootNode);
    }

    private static JToken Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JObject(mapping.Children.Select(pair =>
            new JProperty(((YamlScalarNode)pair.Key).Value ?? string.Empty, Convert(pair.Value)))),
        YamlSequenceNode sequence => new JArray(sequence.Children.Select(Convert)),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException($"Unsupported YAML node {node.NodeType} at {node.Start}."),
    };

    private static JToken Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return new JValue(text);
        }

        return text switch
        {
            "true" or "True" or "TRUE" => new JValue(true),
            "false" or "False" or "FALSE" => new JValue(false),
            "null" or "Null" or "NULL" or "~" or "" => JValue.CreateNull(),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => new JValue(number),
            _ => new JValue(text),
        };
    }
}
