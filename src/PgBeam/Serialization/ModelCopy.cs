using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace PgBeam.Serialization;

/// <summary>
/// Deep copies of DTO values, so an input built from a resource (<c>profile.ToInput()</c>) can be changed without
/// changing the resource it came from.
/// </summary>
internal static class ModelCopy
{
    /// <summary>
    /// A new list of the same values, for element types that are immutable (strings, extensible enums), so sharing
    /// the elements is safe.
    /// </summary>
    public static IList<T>? Values<T>(IEnumerable<T>? items) => items?.ToList();

    /// <summary>
    /// The input form <typeparamref name="TInput"/> of a resource, for a read-modify-write (the generated
    /// <c>ToInput()</c>): every field the input knows by name is copied from the resource, deeply; fields only the
    /// resource knows (ids, timestamps) are dropped; fields neither knows (the resource's unknown fields) are carried
    /// over, so a setting newer than this SDK is sent back unchanged.
    /// </summary>
    public static TInput ToInput<TInput>(IPgBeamModel resource)
        where TInput : class
    {
        var json = JObject.FromObject(resource, PgBeamJson.Serializer);
        var resourceKnows = KnownFields(resource.GetType());
        var inputKnows = KnownFields(typeof(TInput));
        foreach (var field in json.Properties().ToList())
        {
            if (resourceKnows.Contains(field.Name) && !inputKnows.Contains(field.Name))
            {
                field.Remove();
            }
        }

        return json.ToObject<TInput>(PgBeamJson.Serializer)!;
    }

    /// <summary>
    /// A new dictionary of unknown fields, with JSON values copied rather than shared, for an object of type
    /// <typeparamref name="TTarget"/>. A field <typeparamref name="TTarget"/> knows by name is left out: the typed
    /// property decides it (a secret the server echoed by mistake must not override the one the caller chose).
    /// </summary>
    public static IDictionary<string, object?> AdditionalProperties<TTarget>(IDictionary<string, object?> source)
    {
        var known = KnownFields(typeof(TTarget));
        return source
            .Where(pair => !known.Contains(pair.Key))
            .ToDictionary(pair => pair.Key, pair => pair.Value is JToken token ? token.DeepClone() : pair.Value, StringComparer.Ordinal);
    }

    /// <summary>The JSON names of the fields <paramref name="type"/> declares.</summary>
    private static HashSet<string> KnownFields(Type type) =>
        PgBeamJson.Serializer.ContractResolver.ResolveContract(type) is JsonObjectContract contract
            ? contract.Properties.Select(property => property.PropertyName!).ToHashSet(StringComparer.Ordinal)
            : [];
}
