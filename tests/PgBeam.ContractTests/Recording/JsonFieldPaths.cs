using System;
using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace PgBeam.ContractTests.Recording;

/// <summary>
/// Names the fields of a JSON body the way <see cref="Contract.ContractRequestBody"/> does: dotted paths, <c>[]</c>
/// for array items (<c>policy.masking_rules[].kind</c>). A field sent as an explicit <c>null</c> is named too.
/// </summary>
internal static class JsonFieldPaths
{
    public static (IReadOnlySet<string> Fields, IReadOnlySet<string> NullFields) Of(JToken body)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        var nulls = new HashSet<string>(StringComparer.Ordinal);
        Walk(body, string.Empty, fields, nulls);
        return (fields, nulls);
    }

    private static void Walk(JToken token, string prefix, HashSet<string> fields, HashSet<string> nulls)
    {
        switch (token)
        {
            case JObject obj:
                foreach (var property in obj.Properties())
                {
                    var path = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
                    fields.Add(path);
                    if (property.Value.Type == JTokenType.Null)
                    {
                        nulls.Add(path);
                    }

                    Walk(property.Value, path, fields, nulls);
                }

                break;
            case JArray array:
                foreach (var item in array)
                {
                    Walk(item, prefix + "[]", fields, nulls);
                }

                break;
        }
    }
}
