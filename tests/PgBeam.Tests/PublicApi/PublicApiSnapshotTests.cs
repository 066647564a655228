using System;
using System.IO;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using NUnit.Framework;
using PublicApiGenerator;

namespace PgBeam.Tests.PublicApi;

/// <summary>
/// The package's whole public surface, written to PgBeam.PublicApi.txt. A difference fails the test and prints the
/// diff; accept an intended change with build/accept-public-api.sh (sets PGBEAM_ACCEPT_PUBLIC_API=1 and reruns this test).
/// </summary>
public class PublicApiSnapshotTests
{
    private static readonly string ApprovedFile = RepoPaths.Combine("tests", "PgBeam.Tests", "PublicApi", "PgBeam.PublicApi.txt");

    [Test]
    public void Public_API_matches_the_committed_snapshot()
    {
        var actual = Normalize(typeof(PgBeamClient).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            IncludeAssemblyAttributes = false,
            ExcludeAttributes = ["System.CodeDom.Compiler.GeneratedCodeAttribute", "System.Runtime.Versioning.TargetFrameworkAttribute"],
        }));

        if (Environment.GetEnvironmentVariable("PGBEAM_ACCEPT_PUBLIC_API") == "1")
        {
            File.WriteAllText(ApprovedFile, actual);
            Assert.Pass("Public API snapshot written to " + ApprovedFile);
        }

        var approved = File.Exists(ApprovedFile) ? Normalize(File.ReadAllText(ApprovedFile)) : string.Empty;
        if (approved != actual)
        {
            Assert.Fail(
                "The public API changed. If the change is intended, run build/accept-public-api.sh and commit " +
                "tests/PgBeam.Tests/PublicApi/PgBeam.PublicApi.txt.\n\nDiff (- snapshot, + now):\n" + Diff(approved, actual));
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    internal static string Diff(string oldText, string newText)
    {
        var model = InlineDiffBuilder.Diff(oldText, newText, ignoreWhiteSpace: false);
        var output = new StringBuilder();
        for (var i = 0; i < model.Lines.Count; i++)
        {
            var line = model.Lines[i];
            if (line.Type is ChangeType.Inserted or ChangeType.Deleted)
            {
                output.Append(line.Type == ChangeType.Inserted ? "+ " : "- ").AppendLine(line.Text);
            }
        }

        return output.ToString();
    }
}
