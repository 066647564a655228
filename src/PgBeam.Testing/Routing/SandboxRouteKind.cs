namespace PgBeam.Testing.Routing;

/// <summary>How the sandbox answers an operation.</summary>
internal enum SandboxRouteKind
{
    /// <summary>By hand-written, stateful code (<see cref="PgBeamSandbox.ModelledOperations"/>).</summary>
    Modelled,

    /// <summary>From the contract's schemas (<see cref="PgBeamSandbox.DerivedOperations"/>).</summary>
    Derived,

    /// <summary>Not at all: outside the SDK (Internal, MCP), or not derivable; answers 501 naming the operation.</summary>
    NotOffered,
}
