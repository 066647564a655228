using System.IO;
using PgBeam.Testing.Contract;

namespace PgBeam.Testing.Tests.Support;

/// <summary>Small contracts written in a test, for behaviour the project's contract does not (yet) show.</summary>
internal static class TestContracts
{
    /// <summary>Loads a contract from YAML; <c>openapi</c>, <c>info</c> and bearer security are added when left out.</summary>
    public static SandboxContract Load(string yaml)
    {
        var text = yaml.Contains("openapi:", System.StringComparison.Ordinal)
            ? yaml
            : "openapi: 3.0.0\ninfo: {title: test, version: '1'}\nsecurity:\n- BearerAuth: []\n" + yaml;
        using var reader = new StringReader(text);
        return SandboxContract.Load(reader);
    }
}
