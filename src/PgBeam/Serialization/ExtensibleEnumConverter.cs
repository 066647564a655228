using System;
using Newtonsoft.Json;

namespace PgBeam.Serialization;

/// <summary>Reads and writes an extensible enum as its raw JSON string, known value or not.</summary>
/// <typeparam name="T">The generated enum struct.</typeparam>
internal sealed class ExtensibleEnumConverter<T> : JsonConverter
    where T : struct, IExtensibleEnum<T>
{
    public override bool CanConvert(Type objectType) => objectType == typeof(T) || objectType == typeof(T?);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        return reader.TokenType switch
        {
            JsonToken.Null when objectType == typeof(T?) => null,
            JsonToken.String => T.FromValue((string)reader.Value!),
            // A number or boolean where the contract says string: keep its text rather than fail the call.
            JsonToken.Integer or JsonToken.Float or JsonToken.Boolean => T.FromValue(Convert.ToString(reader.Value, System.Globalization.CultureInfo.InvariantCulture)!),
            _ => throw new JsonSerializationException($"Expected a string for {typeof(T).Name}, found {reader.TokenType}."),
        };
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
            return;
        }

        writer.WriteValue(((T)value).Value);
    }
}
