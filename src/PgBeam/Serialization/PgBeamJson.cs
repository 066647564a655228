using Newtonsoft.Json;

namespace PgBeam.Serialization;

/// <summary>The one set of Json.NET settings the SDK reads and writes the API's JSON with.</summary>
internal static class PgBeamJson
{
    /// <summary>Shared, never mutated after start-up.</summary>
    public static JsonSerializerSettings Settings { get; } = Create();

    /// <summary>A serializer over <see cref="Settings"/>; thread-safe once configured.</summary>
    public static JsonSerializer Serializer { get; } = JsonSerializer.Create(Settings);

    /// <summary>A new settings object with the SDK's rules (a copy a caller may change without affecting the SDK).</summary>
    public static JsonSerializerSettings Create() => new()
    {
        // The DTOs decide per property what is left out (unset) and what is sent as null.
        NullValueHandling = NullValueHandling.Ignore,
        DefaultValueHandling = DefaultValueHandling.Include,
        // Keep timestamps as the server wrote them (offset included), never as local time.
        DateParseHandling = DateParseHandling.DateTimeOffset,
        DateTimeZoneHandling = DateTimeZoneHandling.RoundtripKind,
        DateFormatString = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFK",
        FloatParseHandling = FloatParseHandling.Double,
        MissingMemberHandling = MissingMemberHandling.Ignore,
        MetadataPropertyHandling = MetadataPropertyHandling.Ignore,
        TypeNameHandling = TypeNameHandling.None,
        MaxDepth = 128,
    };
}
