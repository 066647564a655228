using Newtonsoft.Json;

namespace PgBeam.Testing;

/// <summary>The SDK's JSON settings (its public <see cref="PgBeamJsonSettings"/>), made once for the sandbox.</summary>
internal static class SdkJson
{
    public static JsonSerializerSettings Settings { get; } = PgBeamJsonSettings.Create();

    public static JsonSerializer Serializer { get; } = JsonSerializer.Create(Settings);
}
