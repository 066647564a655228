using System;
using System.Collections;

namespace PgBeam.Serialization;

/// <summary>Required-field checks the generated DTOs call before anything is sent.</summary>
internal static class ModelValidation
{
    public static void Required(object? value, string path, string jsonName)
    {
        if (value is null)
        {
            throw new ArgumentException(
                $"The required field '{Join(path, jsonName)}' is not set; nothing was sent.", RootOf(path));
        }
    }

    public static void Nested(object? value, string path, string jsonName)
    {
        switch (value)
        {
            case null or string:
                return;
            case IPgBeamModel model:
                model.Validate(Join(path, jsonName));
                return;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    if (item is IPgBeamModel element)
                    {
                        element.Validate($"{Join(path, jsonName)}[{index}]");
                    }

                    index++;
                }

                return;
        }
    }

    private static string Join(string path, string jsonName) => path.Length == 0 ? jsonName : path + "." + jsonName;

    private static string RootOf(string path)
    {
        var dot = path.IndexOfAny(['.', '[']);
        return dot < 0 ? path : path[..dot];
    }
}
