namespace PgBeam.Testing.Tests.Support;

/// <summary>How a test's client reaches the sandbox.</summary>
public enum SandboxTransport
{
    /// <summary>The sandbox is the client's HTTP handler, as users plug it in.</summary>
    InProcess,

    /// <summary>
    /// Over real HTTP through Prism in proxy mode (<c>--errors</c>) in front of a loopback listener that hosts the
    /// sandbox: Prism checks every request and every answer against <c>openapi/pgbeam.yaml</c>.
    /// </summary>
    PrismProxy,
}
