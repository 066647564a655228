using System;
using System.IO;
using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using NUnit.Framework;
using PublicApiGenerator;

namespace PgBeam.Tests.PublicApi;

/// <summary>
/// The packages' whole public surface (PgBeam, and PgBeam.Testing), written to PgBeam.PublicApi.txt and
/// PgBeam.Testing.PublicApi.txt. A difference fails the test and prints the diff; accept an intended change with
/// build/accept-public-api.sh (sets PGBEAM_ACCEPT_PUBLIC_API=1 and reruns this test).
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

        if (Environment.GetEnvironmentVariable("PGBEAM_ACCEPT_PUBLIC_API") == "1")
        {
            File.WriteAllText(approvedFile, actual);
            Assert.Pass("Public API snapshot written to " + approvedFile);
        }

        var approved = File.Exists(approvedFile) ? Normalize(File.ReadAllText(approvedFile)) : string.Empty;
        if (approved != actual)
        {
            Assert.Fail(
                $"The public API of {package} changed. If the change is intended, run build/accept-public-api.sh and commit " +
                $"tests/PgBeam.Tests/PublicApi/{package}.PublicApi.txt.\n\nDiff (- snapshot, + now):\n" + Diff(approved, actual));
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
