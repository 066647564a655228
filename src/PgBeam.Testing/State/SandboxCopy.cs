using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;
using PgBeam.Serialization;

namespace PgBeam.Testing.State;

/// <summary>
/// Deep copies of the SDK's DTOs through their own JSON form, so what the inspection API hands out can be changed
/// by a test without changing the sandbox's state (and the other way round).
/// </summary>
/// <remarks>
/// The copy does not enforce the fields the contract requires of a response (the DTOs mark them Required.Always):
/// a test seeds partial objects (no id, no timestamps) and the sandbox fills them in afterwards.
/// </remarks>
internal static class SandboxCopy
{
    private static readonly JsonSerializerSettings Settings = Lenient();

    public static T Of<T>(T value)
        where T : class =>
        JsonConvert.DeserializeObject<T>(JsonConvert.SerializeObject(value, Settings), Settings)!;

    private static JsonSerializerSettings Lenient()
    {
        var settings = PgBeamJsonSettings.Create();
        settings.ContractResolver = new NothingRequiredResolver();
        return settings;
    }

    /// <summary>Reads and writes every property as optional, whatever its <c>JsonProperty.Required</c>.</summary>
    private sealed class NothingRequiredResolver : DefaultContractResolver
    {
        protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
        {
            var property = base.CreateProperty(member, memberSerialization);
            property.Required = Required.Default;
            return property;
        }
    }
}
