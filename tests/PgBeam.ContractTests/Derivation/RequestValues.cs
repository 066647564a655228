using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PgBeam.ContractTests.Contract;

namespace PgBeam.ContractTests.Derivation;

/// <summary>
/// Builds the C# value a call passes (a path id, a query filter, a request body), from the C# type the SDK asks for and
/// the schema the contract gives: strings, numbers and enums inside the schema's limits, lists with one item, request
/// models with the fields a <see cref="Fill"/> asks for. A schema field the SDK type has no property for is an error:
/// the SDK could not send it.
/// </summary>
internal static class RequestValues
{
    public static object? Build(Type type, SchemaNode schema, string name, string? owner, Fill fill, string where)
    {
        if (schema.UnsupportedConstruct is { } construct)
        {
            throw new DerivationException(
                $"{where} uses {construct}, which the derived requests do not fill. Teach RequestValues (tests/PgBeam.ContractTests/Derivation/RequestValues.cs) which branch to send.");
        }

        var underlying = System.Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string))
        {
            return SampleStrings.For(name, owner, schema, where);
        }

        if (underlying == typeof(bool))
        {
            return schema.Default is JValue { Type: JTokenType.Boolean } value ? !(bool)value : true;
        }

        if (underlying == typeof(int) || underlying == typeof(long) || underlying == typeof(double) || underlying == typeof(float) || underlying == typeof(decimal) || underlying == typeof(short))
        {
            return Convert.ChangeType(SampleNumbers.For(schema, where), underlying, CultureInfo.InvariantCulture);
        }

        if (underlying == typeof(DateTimeOffset))
        {
            return SampleTimes.For(name);
        }

        if (underlying == typeof(DateTime))
        {
            return SampleTimes.For(name).UtcDateTime;
        }

        if (underlying == typeof(DateOnly))
        {
            return SampleTimes.DateFor(name);
        }

        if (underlying == typeof(Guid))
        {
            return Guid.Parse("3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b");
        }

        if (IsExtensibleEnum(underlying))
        {
            // Built from the wire value, so a value the SDK's known values lack still reaches the server.
            return Activator.CreateInstance(underlying, SampleStrings.For(name, owner, schema, where));
        }

        if (underlying == typeof(object) || typeof(JToken).IsAssignableFrom(underlying))
        {
            return new JObject();
        }

        if (DictionaryValueType(underlying) is { } valueType)
        {
            var map = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
            map["sample_key"] = Build(valueType, schema.MapValues ?? schema, name, owner, fill, where + "{sample_key}");
            return map;
        }

        if (ElementType(underlying) is { } elementType)
        {
            var items = schema.Items ?? throw new DerivationException($"{where} is a list in C# but its schema has no items.");
            var count = Math.Max(1, schema.MinItems ?? 1);
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
            for (var i = 0; i < count; i++)
            {
                list.Add(Build(elementType, items, name, owner, fill, where + "[]"));
            }

            if (underlying.IsArray)
            {
                var array = Array.CreateInstance(elementType, count);
                list.CopyTo(array, 0);
                return array;
            }

            return list;
        }

        if (underlying.IsClass && underlying.GetConstructor(Type.EmptyTypes) is not null)
        {
            return BuildModel(underlying, schema, fill, where);
        }

        throw new DerivationException(
            $"{where} is a {underlying.FullName}, a type RequestValues cannot build. Teach it that type in tests/PgBeam.ContractTests/Derivation/RequestValues.cs.");
    }

    /// <summary>Whether the schema, at any depth, has a field a client may send as an explicit null.</summary>
    public static bool ContainsNullable(SchemaNode schema) => ContainsNullable(schema, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>The request model's properties by JSON name.</summary>
    public static Dictionary<string, PropertyInfo> JsonProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Json: p.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName))
            .Where(p => p.Json is not null && p.Property.CanWrite)
            .ToDictionary(p => p.Json!, p => p.Property, StringComparer.Ordinal);

    public static bool IsExtensibleEnum(Type type) =>
        type.IsValueType && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition().Name.StartsWith("IExtensibleEnum", StringComparison.Ordinal));

    private static object BuildModel(Type type, SchemaNode schema, Fill fill, string where)
    {
        var instance = Activator.CreateInstance(type)!;
        var properties = JsonProperties(type);
        var required = schema.Required;
        foreach (var (jsonName, _) in schema.Properties)
        {
            var propertySchema = schema.Property(jsonName)!;
            if (propertySchema.ReadOnly)
            {
                continue;
            }

            var propertyWhere = where + "." + jsonName;
            if (!properties.TryGetValue(jsonName, out var property))
            {
                throw new DerivationException(
                    $"{type.Name} has no property for '{jsonName}' ({propertyWhere}), so the SDK cannot send it. The generator (build/codegen, build/templates/Class.liquid) must give the model one.");
            }

            var isRequired = required.Contains(jsonName);
            switch (fill)
            {
                case Fill.All:
                    property.SetValue(instance, Build(property.PropertyType, propertySchema, jsonName, schema.ComponentName, Fill.All, propertyWhere));
                    break;
                case Fill.Required when isRequired:
                    property.SetValue(instance, Build(property.PropertyType, propertySchema, jsonName, schema.ComponentName, Fill.Required, propertyWhere));
                    break;
                case Fill.Nulls when propertySchema.Nullable:
                    if (property.PropertyType.IsValueType && System.Nullable.GetUnderlyingType(property.PropertyType) is null)
                    {
                        throw new DerivationException($"{type.Name}.{property.Name} cannot hold the null the contract allows for '{jsonName}' ({propertyWhere}): the generator must make it nullable.");
                    }

                    property.SetValue(instance, null);
                    break;
                case Fill.Nulls when ContainsNullable(propertySchema):
                    property.SetValue(instance, Build(property.PropertyType, propertySchema, jsonName, schema.ComponentName, Fill.Nulls, propertyWhere));
                    break;
                case Fill.Nulls when isRequired:
                    property.SetValue(instance, Build(property.PropertyType, propertySchema, jsonName, schema.ComponentName, Fill.Required, propertyWhere));
                    break;
            }
        }

        return instance;
    }

    private static bool ContainsNullable(SchemaNode schema, HashSet<string> visiting)
    {
        if (!visiting.Add(schema.Path))
        {
            return false;
        }

        var found = schema.Properties.Any(p => schema.Property(p.Name) is { ReadOnly: false } property && (property.Nullable || ContainsNullable(property, visiting)))
            || (schema.Items is { } items && ContainsNullable(items, visiting));
        visiting.Remove(schema.Path);
        return found;
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return type != typeof(string) && enumerable is not null ? enumerable.GetGenericArguments()[0] : null;
    }

    private static Type? DictionaryValueType(Type type)
    {
        var dictionary = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        return dictionary is not null && dictionary.GetGenericArguments()[0] == typeof(string) ? dictionary.GetGenericArguments()[1] : null;
    }
}
