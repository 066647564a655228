using System.IO;
using System.Linq;
using System.Reflection;

namespace PgBeam.TestSupport;

/// <summary>
/// Where the repository's files are, from the build that compiled the tests (the <c>PgBeamRepoRoot</c> assembly
/// metadata that tests/Directory.Build.props stamps). One file, compiled into every test project.
/// </summary>
internal static class RepoPaths
{
    public static string Root { get; } = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "PgBeamRepoRoot").Value!;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
