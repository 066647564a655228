namespace PgBeam.Tests.PublicApi;

/// <summary>How a public API changed between the committed snapshot and the build. Only <see cref="Added"/> is safe for every caller.</summary>
public enum ApiChangeKind
{
    /// <summary>A new type or member; existing code keeps compiling and running.</summary>
    Added,

    /// <summary>A type or member is gone.</summary>
    Removed,

    /// <summary>A removed and an added type or member of the same shape: most likely the same thing under a new name.</summary>
    Renamed,

    /// <summary>A property gained the <c>required</c> modifier, or a parameter lost its default.</summary>
    OptionalToRequired,

    /// <summary>A property, field, return or parameter type is different.</summary>
    TypeChanged,

    /// <summary>Any other difference: parameters added or renamed, modifiers, accessors, bases, attributes, values.</summary>
    Changed,
}
