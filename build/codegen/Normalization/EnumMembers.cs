using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PgBeam.CodeGen.Contract;
using PgBeam.CodeGen.Naming;

namespace PgBeam.CodeGen.Normalization;

/// <summary>
/// Names the members of every enum component: <c>x-enumNames</c> is computed from the values with
/// <see cref="NameRules.Pascal"/> (<c>paused_for_billing</c> → <c>PausedForBilling</c>, <c>INVALID_INPUT</c> →
/// <c>InvalidInput</c>, <c>v2.beta</c> → <c>V2Beta</c>, <c>1h</c> → <c>OneHour</c>). An <c>x-enumNames</c> written in
/// the contract overrides the rule for the whole enum. A name that would repeat another member's, clash with a member
/// every extensible enum has, or come out empty stops the build and names the schema and values.
/// </summary>
internal static class EnumMembers
{
    /// <summary>Members of the generated extensible-enum struct (Enum.liquid) that a value cannot be named as.</summary>
    public static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "Value", "IsKnown", "KnownValues", "Constants", "Equals", "GetHashCode", "ToString", "GetType", "FromValue",
    };

    public static void Apply(ContractDocument document, ContractProblems problems)
    {
        foreach (var (schemaName, node) in document.Schemas.ToList())
        {
            if (node is not JsonObject schema || schema["enum"] is not JsonArray values)
            {
                continue;
            }

            if (ContractDocument.Text(schema["type"]) is not (null or "string"))
            {
                problems.Add($"schema {schemaName}: an enum of type {ContractDocument.Text(schema["type"])}; the SDK's extensible enums (Enum.liquid) " +
                    "hold strings only. Make it a string enum, or a plain {type} without enum, in the contract.");
                continue;
            }

            var texts = values.Select(v => ContractDocument.Text(v)).ToList();
            if (texts.Any(t => t is null))
            {
                problems.Add($"schema {schemaName}: an enum value that is not a string (null or a number); state it as a string, or use nullable: true for null.");
                continue;
            }

            List<string> names;
            if (schema["x-enumNames"] is JsonArray explicitNames)
            {
                names = explicitNames.Select(n => ContractDocument.Text(n) ?? string.Empty).ToList();
                if (names.Count != texts.Count)
                {
                    problems.Add($"schema {schemaName}: x-enumNames has {names.Count} names for {texts.Count} values; give one per value, in order, or remove it.");
                    continue;
                }
            }
            else
            {
                names = texts.Select(t => NameRules.Pascal(t!)).ToList();
                schema["x-enumNames"] = new JsonArray(names.Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());
            }

            for (var i = 0; i < names.Count; i++)
            {
                var name = names[i];
                if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsLetterOrDigit(c) || c == '_'))
                {
                    problems.Add($"schema {schemaName}: the value '{texts[i]}' gives no C# member name ('{name}'); name the members with x-enumNames in the contract.");
                }
                else if (Reserved.Contains(name) || name == schemaName)
                {
                    problems.Add($"schema {schemaName}: the value '{texts[i]}' would be the member {name}, which the enum type already has; name the members with x-enumNames in the contract.");
                }
                else if (names.IndexOf(name) != i)
                {
                    problems.Add($"schema {schemaName}: the values '{texts[names.IndexOf(name)]}' and '{texts[i]}' would both be the member {name}; name the members with x-enumNames in the contract.");
                }
            }
        }
    }
}
