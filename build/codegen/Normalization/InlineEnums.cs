using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PgBeam.CodeGen.Contract;
using PgBeam.CodeGen.Naming;

namespace PgBeam.CodeGen.Normalization;

/// <summary>
/// Gives every inline string enum a component of its own, named by rule, so NSwag never numbers or snake-cases one
/// and a value read can be written back:
/// <list type="bullet">
/// <item>an enum under property <c>p</c> of schema <c>S</c> (or under the items of that array property, in the singular)
/// is <c>S</c> + PascalCase(<c>p</c>): <c>Honeytoken.action</c> → <c>HoneytokenAction</c>;</item>
/// <item>uses with the same property name and the same values whose schemas share a stem (the name without
/// Create/Update/List/Get/Put/Delete/Set in front and Input/Request/Response/Result/Params behind, one stem starting
/// the other) share one type named after the shortest stem: <c>Honeytoken.action</c> and
/// <c>HoneytokenInput.action</c> → <c>HoneytokenAction</c>; <c>BatchRequest.mode</c> and <c>BatchResponse.mode</c> →
/// <c>BatchMode</c>;</item>
/// <item>a parameter that filters on such a property of what its operation returns (the item of a list) shares that
/// type (<c>listAnomalyAlerts?status</c> → <c>AnomalyAlertStatus</c>); any other parameter's enum is named
/// <c>&lt;OperationId&gt;&lt;Parameter&gt;</c> on a list (a <c>List…</c> body with one array: <c>ListProjectsSortBy</c>) and
/// <c>&lt;ReturnedSchema&gt;&lt;Parameter&gt;</c> otherwise (<c>ProjectInsightsRange</c>).</item>
/// </list>
/// A component of that name with the same values is reused; one with other content stops the build.
/// </summary>
internal static class InlineEnums
{
    private static readonly string[] StemPrefixes = ["Create", "Update", "List", "Get", "Put", "Delete", "Set"];
    private static readonly string[] StemSuffixes = ["Input", "Request", "Response", "Result", "Params"];

    public static void Apply(ContractDocument document, ContractProblems problems)
    {
        var uses = CollectUses(document);
        var clusters = new List<Cluster>();
        foreach (var use in uses.OrderBy(u => u.Stem.Length).ThenBy(u => u.Order))
        {
            var cluster = clusters.FirstOrDefault(c => c.Key == use.Key && use.Stem.StartsWith(c.Stem, StringComparison.Ordinal));
            if (cluster is null)
            {
                cluster = new Cluster(use.Key, use.Stem);
                clusters.Add(cluster);
            }

            cluster.Uses.Add(use);
        }

        var created = new Dictionary<string, Cluster>(StringComparer.Ordinal);
        foreach (var cluster in clusters.OrderBy(c => c.Uses.Min(u => u.Order)))
        {
            var name = NameOf(cluster);
            var first = cluster.Uses.OrderBy(u => u.Order).First();
            if (document.Schemas[name] is JsonObject existing && !created.ContainsKey(name))
            {
                if (!SameValues(existing, first.Schema))
                {
                    problems.Add($"{first.Where}: an inline enum that would be named {name}, but schema {name} already exists with other values; " +
                        "name the enum in the contract (a components/schemas entry and a $ref).");
                    continue;
                }

                foreach (var use in cluster.Uses)
                {
                    SchemaReferences.Hoist(document, use.Container, use.Key2, name, createComponent: false);
                }

                continue;
            }

            if (created.TryGetValue(name, out var other))
            {
                problems.Add($"{first.Where}: its inline enum would be named {name}, like the different enum of {other.Uses[0].Where}; " +
                    "name one of them in the contract (a components/schemas entry and a $ref).");
                continue;
            }

            created[name] = cluster;
            var ordered = cluster.Uses.OrderBy(u => u.Order).ToList();
            SchemaReferences.Hoist(document, ordered[0].Container, ordered[0].Key2, name, createComponent: true);
            foreach (var use in ordered.Skip(1))
            {
                SchemaReferences.Hoist(document, use.Container, use.Key2, name, createComponent: false);
            }
        }
    }

    private static string NameOf(Cluster cluster)
    {
        var schemaOwners = cluster.Uses.Where(u => u.Owner is not null).Select(u => u.Owner!).Distinct().ToList();
        var propertyName = NameRules.Pascal(cluster.Uses[0].Property);
        if (schemaOwners.Count == 1)
        {
            return Join(schemaOwners[0], propertyName);
        }

        if (schemaOwners.Count > 1)
        {
            return Join(cluster.Stem, propertyName);
        }

        // Parameters only.
        var use = cluster.Uses.OrderBy(u => u.Order).First();
        return use.NameWhenAlone!;
    }

    /// <summary>
    /// Owner + property, without repeating a property name the owner already ends with; when that leaves the owner's own
    /// name (<c>OrganizationPlan.plan</c>, <c>VercelResourceStatus.status</c>) the type is the owner's name + <c>Kind</c>.
    /// </summary>
    public static string Join(string owner, string propertyName) =>
        owner.EndsWith(propertyName, StringComparison.Ordinal) ? owner + "Kind" : owner + propertyName;

    private static bool SameValues(JsonObject a, JsonObject b) =>
        ValueKey(a) == ValueKey(b) && ContractDocument.Text(a["type"]) == ContractDocument.Text(b["type"]);

    private static string ValueKey(JsonObject schema) =>
        string.Join("\u0001", (schema["enum"] as JsonArray ?? []).Select(v => v?.ToJsonString() ?? "null").Order(StringComparer.Ordinal));

    /// <summary>An inline string enum (not a $ref).</summary>
    private static bool IsInlineEnum(JsonNode? node) =>
        node is JsonObject obj && obj["$ref"] is null && obj["enum"] is JsonArray && ContractDocument.Text(obj["type"]) is null or "string";

    /// <summary>The schema name without the affixes that mark a request, response or input form of a resource.</summary>
    public static string Stem(string schemaName)
    {
        var stem = schemaName;
        foreach (var prefix in StemPrefixes)
        {
            if (stem.Length > prefix.Length && stem.StartsWith(prefix, StringComparison.Ordinal) && char.IsUpper(stem[prefix.Length]))
            {
                stem = stem[prefix.Length..];
                break;
            }
        }

        foreach (var suffix in StemSuffixes)
        {
            if (stem.Length > suffix.Length && stem.EndsWith(suffix, StringComparison.Ordinal))
            {
                stem = stem[..^suffix.Length];
                break;
            }
        }

        return stem;
    }

    private static List<EnumUse> CollectUses(ContractDocument document)
    {
        var uses = new List<EnumUse>();
        var order = 0;
        foreach (var (schemaName, node) in document.Schemas.ToList())
        {
            if (node is not JsonObject schema || schema["properties"] is not JsonObject properties)
            {
                continue;
            }

            foreach (var (propertyName, property) in properties.ToList())
            {
                if (IsInlineEnum(property))
                {
                    uses.Add(new EnumUse(properties, propertyName, (JsonObject)property!, propertyName, schemaName, Stem(schemaName), null,
                        $"property {propertyName} of schema {schemaName}", order++));
                }
                else if (property is JsonObject array && ContractDocument.Text(array["type"]) == "array" && IsInlineEnum(array["items"]))
                {
                    uses.Add(new EnumUse(array, "items", (JsonObject)array["items"]!, NameRules.Singular(propertyName), schemaName, Stem(schemaName), null,
                        $"the items of property {propertyName} of schema {schemaName}", order++));
                }
            }
        }

        foreach (var operation in document.Operations().ToList())
        {
            var returned = ReturnedSchema(document, operation, out var isList);
            foreach (var (parameter, _, _) in operation.Parameters())
            {
                var name = ContractDocument.Text(parameter["name"]) ?? "value";
                var schema = parameter["schema"];
                var container = (JsonNode)parameter;
                var key = "schema";
                var property = name;
                if (schema is JsonObject array && ContractDocument.Text(array["type"]) == "array" && IsInlineEnum(array["items"]))
                {
                    container = array;
                    key = "items";
                    property = NameRules.Singular(name);
                    schema = array["items"];
                }

                if (!IsInlineEnum(schema))
                {
                    continue;
                }

                var alone = isList || returned is null
                    ? NameRules.Pascal(operation.Id) + NameRules.Pascal(property)
                    : Join(returned, NameRules.Pascal(property));
                uses.Add(new EnumUse(container, key, (JsonObject)schema!, property, null, returned is null ? "\u0000" + operation.Id : Stem(returned), alone,
                    $"parameter {name} of operation {operation.Id}", order++));
            }
        }

        return uses;
    }

    /// <summary>The component an operation returns (the item of its one array property when it is a list).</summary>
    private static string? ReturnedSchema(ContractDocument document, ContractOperation operation, out bool isList)
    {
        isList = false;
        var body = operation.SuccessResponses()
            .Select(r => (r.Response["content"] as JsonObject)?["application/json"]?["schema"])
            .FirstOrDefault(s => s is not null);
        var name = ContractDocument.ComponentName(body);
        if (name is null || document.Actual(body) is not { } schema)
        {
            return null;
        }

        var arrays = (schema["properties"] as JsonObject ?? [])
            .Where(p => document.Actual(p.Value) is { } s && ContractDocument.Text(s["type"]) == "array")
            .ToList();
        if (name.StartsWith("List", StringComparison.Ordinal) && arrays.Count == 1
            && ContractDocument.ComponentName(document.Actual(arrays[0].Value)?["items"]) is { } item)
        {
            isList = true;
            return item;
        }

        return name;
    }

    private sealed record EnumUse(JsonNode Container, string Key2, JsonObject Schema, string Property, string? Owner, string Stem, string? NameWhenAlone, string Where, int Order)
    {
        public string Key => NameRules.Pascal(Property) + "\u0002" + ValueKey(Schema);
    }

    private sealed class Cluster(string key, string stem)
    {
        public string Key { get; } = key;

        public string Stem { get; } = stem;

        public List<EnumUse> Uses { get; } = [];
    }
}
