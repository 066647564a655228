using System;
using System.IO;
using System.Linq;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using NUnit.Framework;
using PublicApiGenerator;

namespace PgBeam.Tests.PublicApi;

/// <summary>
/// The packages' whole public surface (PgBeam, and PgBeam.Testing), compared with PgBeam.PublicApi.txt and
/// PgBeam.Testing.PublicApi.txt and classified by <see cref="PublicApiDiff"/>. Additions pass (a contract that grows
/// keeps the suite green; the report lists them until the snapshot is accepted again); anything removed, renamed,
/// made required, retyped or otherwise changed fails with the classification and the diff, until it is accepted with
/// <c>build/accept-public-api.sh --breaking</c>. With PGBEAM_API_DIFF_REPORT set to a file, the classification is
/// appended there (what <c>build/public-api-diff.sh</c> and the accept script print).
/// </summary>
public class PublicApiSnapshotTests
{
    private static readonly ApiGeneratorOptions Options = new()
    {
        IncludeAssemblyAttributes = false,
        // The DI extension methods live in Microsoft.Extensions.DependencyInjection by .NET convention; they are ours.
        AllowNamespacePrefixes = ["Microsoft.Extensions.DependencyInjection"],
        ExcludeAttributes =
        [
            "System.CodeDom.Compiler.GeneratedCodeAttribute",
            "System.Runtime.Versioning.TargetFrameworkAttribute",
            // Compiler-chosen state machine names change with unrelated refactors; they are not API.
            "System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute",
            "System.Runtime.CompilerServices.AsyncStateMachineAttribute",
            "System.Runtime.CompilerServices.IteratorStateMachineAttribute",
        ],
    };

    [TestCase("PgBeam")]
    [TestCase("PgBeam.Testing")]
    public void Public_API_matches_the_committed_snapshot(string package)
    {
        var assembly = package == "PgBeam" ? typeof(PgBeamClient).Assembly : typeof(PgBeam.Testing.PgBeamSandbox).Assembly;
        var approvedFile = RepoPaths.Combine("tests", "PgBeam.Tests", "PublicApi", package + ".PublicApi.txt");
        var actual = Normalize(assembly.GeneratePublicApi(Options));

        if (!File.Exists(approvedFile) && Environment.GetEnvironmentVariable("PGBEAM_ACCEPT_PUBLIC_API") != "1")
        {
            Assert.Fail($"No public API snapshot of {package}: run build/accept-public-api.sh and commit {approvedFile}.");
        }

        var approved = File.Exists(approvedFile) ? Normalize(File.ReadAllText(approvedFile)) : string.Empty;
        var changes = PublicApiDiff.Classify(approved, actual);
        var report = PublicApiDiff.Report(package, changes);
        if (Environment.GetEnvironmentVariable("PGBEAM_API_DIFF_REPORT") is { Length: > 0 } reportFile)
        {
            File.AppendAllText(reportFile, report);
        }

        if (Environment.GetEnvironmentVariable("PGBEAM_ACCEPT_PUBLIC_API") == "1")
        {
            File.WriteAllText(approvedFile, actual);
            Assert.Pass("Public API snapshot written to " + approvedFile + "\n" + report);
        }

        if (changes.Any(change => change.IsBreaking))
        {
            Assert.Fail(
                $"The public API of {package} changed in a way existing callers can notice:\n{report}\nIf the change is intended, run " +
                $"build/accept-public-api.sh --breaking and commit tests/PgBeam.Tests/PublicApi/{package}.PublicApi.txt.\n\nDiff (- snapshot, + now):\n" + Diff(approved, actual));
        }

        if (changes.Count > 0)
        {
            TestContext.Out.WriteLine(report + "Accept them into the snapshot with build/accept-public-api.sh when convenient.");
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    /// <summary>Changed lines only, each group under the type it belongs to (<c>@@ public class X</c>).</summary>
    internal static string Diff(string oldText, string newText)
    {
        var model = InlineDiffBuilder.Diff(oldText, newText, ignoreWhiteSpace: false);
        var output = new StringBuilder();
        string? currentType = null;
        string? printedType = null;
        foreach (var line in model.Lines)
        {
            if (IsTypeDeclaration(line.Text))
            {
                currentType = line.Text.Trim();
            }

            if (line.Type is not (ChangeType.Inserted or ChangeType.Deleted))
            {
                continue;
            }

            if (currentType != printedType)
            {
                // A whole new or removed type needs no header: its own declaration line is in the diff.
                if (!IsTypeDeclaration(line.Text))
                {
                    output.Append("@@ ").AppendLine(currentType);
                }

                printedType = currentType;
            }

            output.Append(line.Type == ChangeType.Inserted ? "+ " : "- ").AppendLine(line.Text);
        }

        return output.ToString();
    }

    private static bool IsTypeDeclaration(string line) =>
        line.StartsWith("    public ", StringComparison.Ordinal) && !line.StartsWith("     ", StringComparison.Ordinal) &&
        (line.Contains(" class ", StringComparison.Ordinal) || line.Contains(" struct ", StringComparison.Ordinal) ||
         line.Contains(" interface ", StringComparison.Ordinal) || line.Contains(" enum ", StringComparison.Ordinal));
}
