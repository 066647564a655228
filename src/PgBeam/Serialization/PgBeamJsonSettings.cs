using Newtonsoft.Json;

namespace PgBeam;

/// <summary>
/// The Json.NET settings the SDK reads and writes the API's JSON with, for code that stores, logs or fakes the SDK's
/// models and must produce exactly what the SDK sends and reads (unset properties left out, explicit nulls kept,
/// timestamps with their offset, unknown fields kept, enums as their wire strings).
/// </summary>
/// <example>
/// <code>
/// var json = JsonConvert.SerializeObject(profile, PgBeamJsonSettings.Create());
/// </code>
/// </example>
public static class PgBeamJsonSettings
{
    /// <summary>A new settings object with the SDK's rules; change it freely, the SDK keeps its own.</summary>
    /// <returns>Settings equal to the ones the SDK uses.</returns>
    public static JsonSerializerSettings Create() => Serialization.PgBeamJson.Create();
}
