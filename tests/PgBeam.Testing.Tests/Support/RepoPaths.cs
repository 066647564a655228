using System.IO;
using System.Linq;
using System.Reflection;

namespace PgBeam.Testing.Tests.Support;

/// <summary>Where the repository's files are, from the build that compiled the tests.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "PgBeamRepoRoot").Value!;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
