using System;
using System.Globalization;
using Newtonsoft.Json;

namespace PgBeam.Serialization;

/// <summary>Reads and writes <c>format: date</c> values as <c>yyyy-MM-dd</c>.</summary>
internal sealed class DateOnlyConverter : JsonConverter
{
    private const string Format = "yyyy-MM-dd";

    public override bool CanConvert(Type objectType) => objectType == typeof(DateOnly) || objectType == typeof(DateOnly?);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        switch (reader.TokenType)
        {
            case JsonToken.Null:
                return null;
            case JsonToken.Date when reader.Value is DateTime dateTime:
                return DateOnly.FromDateTime(dateTime);
            case JsonToken.Date when reader.Value is DateTimeOffset offset:
                return DateOnly.FromDateTime(offset.DateTime);
            case JsonToken.String:
                var text = (string)reader.Value!;
                return DateOnly.ParseExact(text.Length > Format.Length ? text[..Format.Length] : text, Format, CultureInfo.InvariantCulture);
            default:
                throw new JsonSerializationException($"Expected a yyyy-MM-dd date, found {reader.TokenType}.");
        }
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is DateOnly date)
        {
            writer.WriteValue(date.ToString(Format, CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull();
        }
    }
}
