using System;
using System.Collections;
using System.Collections.Generic;
using System.Reflection;

namespace PgBeam.ContractTests.Calls;

/// <summary>
/// Finds fields a deserialized result kept in <c>AdditionalProperties</c> because its DTO has no property for them.
/// Prism builds its answers from the contract, so any such field means the SDK's types and the contract disagree.
/// </summary>
internal static class UnknownResponseFields
{
    public static IReadOnlyList<string> In(object result)
    {
        var found = new List<string>();
        Walk(result, "$", found, depth: 0);
        return found;
    }

    private static void Walk(object? value, string path, List<string> found, int depth)
    {
        if (value is null || depth > 32 || value is string || value.GetType().IsPrimitive || value.GetType().IsValueType)
        {
            return;
        }

        if (value is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                Walk(entry.Value, $"{path}[{entry.Key}]", found, depth + 1);
            }

            return;
        }

        if (value is IEnumerable items)
        {
            var index = 0;
            foreach (var item in items)
            {
                Walk(item, $"{path}[{index++}]", found, depth + 1);
            }

            return;
        }

        if (value.GetType().Namespace != "PgBeam")
        {
            return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var propertyValue = property.GetValue(value);
            if (property.Name == "AdditionalProperties" && propertyValue is IDictionary<string, object?> extra)
            {
                foreach (var key in extra.Keys)
                {
                    found.Add($"{path}.{key}");
                }

                continue;
            }

            Walk(propertyValue, $"{path}.{property.Name}", found, depth + 1);
        }
    }
}
