using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Newtonsoft.Json.Linq;

namespace PgBeam.Tests.Support;

/// <summary>
/// Fills every settable property of a DTO, recursively, with a value that is not the default and differs from
/// property to property, so a test can tell which field went where and that none was dropped.
/// </summary>
internal static class SampleValues
{
    public static T Filled<T>()
        where T : new()
    {
        var counter = 0;
        return (T)Fill(typeof(T), "root", ref counter)!;
    }

    /// <summary>The same as <see cref="Filled{T}"/> for a type known only at run time.</summary>
    public static object Filled(Type type)
    {
        var counter = 0;
        return Fill(type, "root", ref counter)!;
    }

    private static object? Fill(Type type, string name, ref int counter)
    {
        counter++;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string))
        {
            return $"{name}-{counter}";
        }

        if (underlying == typeof(int))
        {
            return 1000 + counter;
        }

        if (underlying == typeof(long))
        {
            return 10_000_000_000L + counter;
        }

        if (underlying == typeof(double))
        {
            return counter + 0.5;
        }

        if (underlying == typeof(bool))
        {
            return counter % 2 == 0;
        }

        if (underlying == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(counter);
        }

        if (underlying == typeof(DateOnly))
        {
            return new DateOnly(2026, 1, 1).AddDays(counter);
        }

        if (underlying == typeof(object))
        {
            return new JObject { ["sample"] = counter };
        }

        if (underlying.IsValueType && underlying.GetProperty("KnownValues", BindingFlags.Public | BindingFlags.Static) is { } known)
        {
            // An extensible enum: a known value other than the first, so "default" is never mistaken for a copy.
            var values = ((IEnumerable)known.GetValue(null)!).Cast<object>().ToList();
            return values[counter % values.Count == 0 && values.Count > 1 ? 1 : counter % values.Count];
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(IList<>))
        {
            var element = underlying.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            list.Add(Fill(element, name, ref counter));
            list.Add(Fill(element, name, ref counter));
            return list;
        }

        if (underlying.IsClass && underlying.GetConstructor(Type.EmptyTypes) is not null)
        {
            var instance = Activator.CreateInstance(underlying)!;
            foreach (var property in underlying.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                if (property.Name == "AdditionalProperties")
                {
                    property.SetValue(instance, new Dictionary<string, object?> { ["future_setting_" + counter] = new JValue("kept") });
                    continue;
                }

                property.SetValue(instance, Fill(property.PropertyType, property.Name, ref counter));
            }

            return instance;
        }

        throw new NotSupportedException($"SampleValues cannot fill {type} ({name}); teach it this type.");
    }
}
