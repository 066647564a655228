using System;
using System.IO;
using System.Linq;
using NUnit.Framework;

namespace PgBeam.Tests.Readme;

/// <summary>The README's quickstart code is the sample's code, so the two cannot drift apart.</summary>
public class QuickstartBlockTests
{
    [Test]
    public void The_README_quickstart_block_is_the_code_of_the_sample()
    {
        var readmeBlock = ReadmeCodeBlock.Parse(File.ReadAllText(RepoPaths.Combine("README.md")))
            .Single(block => block.Section == "quickstart");
        var sample = File.ReadAllText(RepoPaths.Combine("samples", "Quickstart", "AgentCredentialQuickstart.cs"));

        // The sample's steps, from the first numbered comment to the last line it prints, as the README writes them:
        // without the cancellation token the sample threads through, and printing to the console, not to a TextWriter.
        var lines = sample.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var first = Array.FindIndex(lines, line => line.TrimStart().StartsWith("// 1.", StringComparison.Ordinal));
        var last = Array.FindLastIndex(lines, line => line.Contains("output.WriteLineAsync(", StringComparison.Ordinal));
        Assert.That(first, Is.GreaterThanOrEqualTo(0).And.LessThan(last), "the sample's steps were not found");
        var expected = string.Join('\n', lines[first..(last + 1)].Select(line => line.Length >= 8 ? line[8..] : line.TrimStart()))
            .Replace(", cancellationToken: cancellationToken", string.Empty, StringComparison.Ordinal)
            .Replace("await output.WriteLineAsync(", "System.Console.WriteLine(", StringComparison.Ordinal);

        Assert.That(Normalize(readmeBlock.Code), Is.EqualTo(Normalize(expected)));
    }

    private static string Normalize(string code) =>
        string.Join('\n', code.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(line => line.TrimEnd())).Trim();
}
