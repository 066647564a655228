using System.Linq;
using System.Text.Json.Nodes;
using PgBeam.CodeGen.Contract;

namespace PgBeam.CodeGen.Normalization;

/// <summary>
/// Gives every property a description for its XML doc: a property that only refers to a component schema and says
/// nothing itself (<c>role: {$ref: OrgRole}</c>) takes the description of the schema it refers to, wrapped in a
/// one-element <c>allOf</c> so NSwag keeps both the type and the text. A contract change that adds such a property
/// then needs no doc written by hand.
/// </summary>
internal static class PropertyDescriptions
{
    public static void Apply(ContractDocument document)
    {
        foreach (var (_, node) in document.Schemas.ToList())
        {
            if (node is not JsonObject schema || schema["properties"] is not JsonObject properties)
            {
                continue;
            }

            foreach (var (name, value) in properties.ToList())
            {
                if (value is not JsonObject property || property["description"] is not null
                    || ContractDocument.ComponentName(property) is not { } target
                    || ContractDocument.Text(document.Schemas[target]?["description"]) is not { } description)
                {
                    continue;
                }

                if (property["$ref"] is not null)
                {
                    var wrapped = new JsonObject { ["allOf"] = new JsonArray(ContractDocument.SchemaRef(target)) };
                    foreach (var (key, extra) in property.ToList().Where(p => p.Key != "$ref"))
                    {
                        wrapped[key] = extra?.DeepClone();
                    }

                    property = wrapped;
                    properties[name] = property;
                }

                property["description"] = description;
            }
        }
    }
}
