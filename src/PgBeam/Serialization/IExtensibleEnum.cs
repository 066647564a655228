namespace PgBeam.Serialization;

/// <summary>Implemented by the generated extensible enums, so one converter serves them all.</summary>
/// <typeparam name="TSelf">The enum struct.</typeparam>
internal interface IExtensibleEnum<TSelf>
    where TSelf : struct, IExtensibleEnum<TSelf>
{
    /// <summary>The wire value.</summary>
    string Value { get; }

    /// <summary>Wraps a wire value, known or not.</summary>
    static abstract TSelf FromValue(string value);
}
