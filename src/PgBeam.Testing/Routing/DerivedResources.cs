using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;
using PgBeam.Testing.Contract;
using PgBeam.Testing.State;
using PgBeam.Testing.Validation;

namespace PgBeam.Testing.Routing;

/// <summary>What a derived operation does to the resources the sandbox keeps for it, read from its path's shape.</summary>
internal enum DerivedRole
{
    /// <summary>Not a collection or an item of one (an action, a report): answered, nothing kept.</summary>
    None,

    /// <summary><c>POST</c> on a collection whose items have their own path: the answer is kept.</summary>
    Create,

    /// <summary><c>GET</c> on such a collection: the kept items, filtered and paged.</summary>
    List,

    /// <summary><c>GET</c> on an item: the kept resource.</summary>
    Read,

    /// <summary><c>PUT</c> on an item: the body replaces what the caller sets; server-owned fields stay.</summary>
    Replace,

    /// <summary><c>PATCH</c> on an item: the body's fields are changed, the rest stays.</summary>
    Merge,

    /// <summary><c>DELETE</c> on an item: gone; reading, changing or deleting it again is a 404.</summary>
    Delete,
}

/// <summary>
/// Keeps what derived operations create, so an operation nobody modelled by hand still behaves like a resource: a
/// create is listed and read back, a replace or merge changes it (its <c>ETag</c> with it), a delete makes it a 404,
/// lists filter on the items' fields and page with <c>page_token</c>/<c>page_size</c>. The role comes from the
/// contract alone (<c>POST</c>/<c>GET</c> on a collection that has an item path, <c>GET</c>/<c>PUT</c>/<c>PATCH</c>/
/// <c>DELETE</c> on the item), so a new resource in the contract is kept with no code change. An id the sandbox has
/// never seen reads as existing (derived from the schema, not kept), so a test can start from an id of its own; a
/// replace or merge of it keeps it from then on.
/// </summary>
internal static class DerivedResources
{
    private const string PageTokenPrefix = "off_";
    private static readonly HashSet<string> PagingParameters = new(StringComparer.Ordinal) { "page_token", "page_size", "page", "before" };

    public static DerivedRole RoleOf(ContractOperation operation, SandboxContract contract)
    {
        var template = operation.Template.TrimEnd('/');
        var method = operation.Method.ToUpperInvariant();
        if (IsParameter(template[(template.LastIndexOf('/') + 1)..]))
        {
            return method switch
            {
                "GET" => DerivedRole.Read,
                "PUT" => DerivedRole.Replace,
                "PATCH" => DerivedRole.Merge,
                "DELETE" => DerivedRole.Delete,
                _ => DerivedRole.None,
            };
        }

        var hasItemPath = contract.Operations.Any(o =>
            o.Template.StartsWith(template + "/{", StringComparison.Ordinal) && o.Template.IndexOf('/', template.Length + 1) < 0);
        return !hasItemPath ? DerivedRole.None : method switch
        {
            "POST" => DerivedRole.Create,
            "GET" => DerivedRole.List,
            _ => DerivedRole.None,
        };
    }

    /// <summary>The kept collection this call works on (created on first use), and the item's id for item roles.</summary>
    public static (DerivedCollection Collection, string? Id) Target(DerivedRole role, ContractOperation operation, SandboxCall call)
    {
        var segments = operation.Template.Trim('/').Split('/')
            .Select(s => IsParameter(s) && call.PathValues.TryGetValue(s[1..^1], out var value) ? value : s)
            .ToList();
        string? id = null;
        if (role is DerivedRole.Read or DerivedRole.Replace or DerivedRole.Merge or DerivedRole.Delete)
        {
            id = segments[^1];
            segments.RemoveAt(segments.Count - 1);
        }

        var path = "/" + string.Join('/', segments);
        if (!call.State.DerivedCollections.TryGetValue(path, out var collection))
        {
            collection = new DerivedCollection();
            call.State.DerivedCollections[path] = collection;
        }

        return (collection, id);
    }

    /// <summary>Refuses an item call on a deleted resource; removes the resource for a delete. Runs before the answer is built.</summary>
    public static void Prepare(DerivedRole role, DerivedCollection collection, string? id, ContractOperation operation)
    {
        if (id is null)
        {
            return;
        }

        if (collection.WasDeleted(id) && collection.Find(id) is null)
        {
            throw SandboxProblem.NotFound($"'{id}' does not exist (it was deleted); {operation.OperationId} needs an existing one.");
        }

        if (role == DerivedRole.Delete)
        {
            collection.Remove(id);
        }
    }

    /// <summary>The answer to send, after keeping what the role keeps; <paramref name="derived"/> is the answer built from the schema.</summary>
    public static JToken Keep(DerivedRole role, DerivedCollection collection, string? id, JToken derived, JObject schema, ContractOperation operation, SandboxCall call, SandboxContract contract, JToken? body)
    {
        var resourceSchema = ResourceSchemaName(role, schema, contract);
        if (derived is not JObject answer || resourceSchema is null || (collection.Schema ?? resourceSchema) != resourceSchema)
        {
            return derived;
        }

        collection.Schema ??= role == DerivedRole.Create ? resourceSchema : null;
        if (collection.Schema is null && role != DerivedRole.Replace && role != DerivedRole.Merge)
        {
            // Nothing was created here yet: reads and lists answer from the schema alone.
            return role == DerivedRole.List ? Listed(collection, answer, call, pages: false) : answer;
        }

        collection.Schema ??= resourceSchema;

        switch (role)
        {
            case DerivedRole.Create when Text(answer["id"]) is { } createdId:
                collection.Put(createdId, answer, created: true);
                return answer;
            case DerivedRole.Read when id is not null:
                return collection.Find(id)?.DeepClone() ?? answer;
            case DerivedRole.Replace when id is not null:
                return Store(collection, id, Replaced(collection.Find(id), answer, operation, contract), call);
            case DerivedRole.Merge when id is not null:
                return Store(collection, id, Merged(collection.Find(id) ?? answer, body as JObject, answer), call);
            case DerivedRole.List:
                return Listed(collection, answer, call, pages: operation.Parameters.Any(p => p.Location == "query" && p.Name == "page_token"));
            default:
                return answer;
        }
    }

    /// <summary>The name of the schema of the resource an answer carries: a list's item schema, else the answer's own.</summary>
    private static string? ResourceSchemaName(DerivedRole role, JObject schema, SandboxContract contract)
    {
        var flat = contract.Flatten(schema);
        if (role != DerivedRole.List)
        {
            return flat.Name;
        }

        var arrays = flat.Properties.Values.Select(contract.Flatten).Where(p => p.Type == "array").ToList();
        return arrays.Count == 1 && arrays[0].Items is { } items ? contract.Flatten(items).Name : null;
    }

    /// <summary>A replacement: the new answer (the body echoed), with the fields the caller cannot send kept from before.</summary>
    private static JObject Replaced(JObject? existing, JObject answer, ContractOperation operation, SandboxContract contract)
    {
        if (existing is null)
        {
            return answer;
        }

        var settable = operation.RequestSchema is { } request ? contract.Flatten(request).Properties.Keys.ToHashSet(StringComparer.Ordinal) : [];
        foreach (var field in existing.Properties().Where(p => !settable.Contains(p.Name)))
        {
            answer[field.Name] = field.Value.DeepClone();
        }

        return answer;
    }

    /// <summary>A merge: what was kept, with each field the body sends (and the response declares) changed.</summary>
    private static JObject Merged(JObject existing, JObject? body, JObject answer)
    {
        var result = (JObject)existing.DeepClone();
        foreach (var field in body?.Properties() ?? [])
        {
            if (answer.ContainsKey(field.Name) || result.ContainsKey(field.Name))
            {
                result[field.Name] = answer[field.Name]?.DeepClone() ?? field.Value.DeepClone();
            }
        }

        return result;
    }

    private static JObject Store(DerivedCollection collection, string id, JObject resource, SandboxCall call)
    {
        if (resource["updated_at"] is JValue { Type: JTokenType.String or JTokenType.Date })
        {
            resource["updated_at"] = Rfc3339.Format(call.Now);
        }

        collection.Put(id, resource, created: false);
        return resource;
    }

    /// <summary>The list's one array replaced by the kept items that match the filters, one page of them.</summary>
    private static JObject Listed(DerivedCollection collection, JObject answer, SandboxCall call, bool pages)
    {
        var arrays = answer.Properties().Where(p => p.Value is JArray).ToList();
        if (arrays.Count != 1)
        {
            return answer;
        }

        var filters = call.Query.Pairs.Where(p => !PagingParameters.Contains(p.Key)).ToList();
        var matching = collection.Items
            .Where(item => filters.All(f => item[f.Key] is not JValue value || string.Equals(Scalar(value), f.Value, StringComparison.Ordinal)))
            .ToList();
        var offset = 0;
        var token = call.Query.Pairs.LastOrDefault(p => p.Key == "page_token").Value;
        if (token is not null && (!token.StartsWith(PageTokenPrefix, StringComparison.Ordinal)
            || !int.TryParse(token.AsSpan(PageTokenPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset > matching.Count))
        {
            throw SandboxProblem.Field("page_token", "invalid_value", "Query parameter 'page_token' is not a token this list returned.");
        }

        var size = !pages ? int.MaxValue : call.Query.Pairs.Any(p => p.Key == "page_size") ? call.Query.PageSize() : 50;
        var page = matching.Skip(offset).Take(size).Select(item => item.DeepClone()).ToList();
        answer[arrays[0].Name] = new JArray(page);
        answer.Remove("next_page_token");
        if (offset + page.Count < matching.Count)
        {
            answer["next_page_token"] = PageTokenPrefix + (offset + page.Count).ToString(CultureInfo.InvariantCulture);
        }

        SchemaSampler.SetCounts(answer, matching.Count);
        return answer;
    }

    private static string Scalar(JValue value) => value.Type switch
    {
        JTokenType.Boolean => (bool)value! ? "true" : "false",
        JTokenType.Date => Rfc3339.Format(new DateTimeOffset(((DateTime)value!).ToUniversalTime())),
        _ => Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string? Text(JToken? token) => token is JValue { Type: JTokenType.String } value ? (string?)value : null;

    private static bool IsParameter(string segment) => segment.Length > 2 && segment[0] == '{' && segment[^1] == '}';
}
