using Newtonsoft.Json;
using PgBeam.Serialization;

namespace PgBeam.Testing.State;

/// <summary>
/// Deep copies of the SDK's DTOs through their own JSON form, so what the inspection API hands out can be changed
/// by a test without changing the sandbox's state (and the other way round).
/// </summary>
internal static class SandboxCopy
{
    public static T Of<T>(T value)
        where T : class =>
        JsonConvert.DeserializeObject<T>(JsonConvert.SerializeObject(value, PgBeamJson.Settings), PgBeamJson.Settings)!;
}
