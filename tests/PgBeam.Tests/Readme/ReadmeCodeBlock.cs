using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace PgBeam.Tests.Readme;

/// <summary>One fenced C# block of README.md, with the README line its code starts on and the section it sits in.</summary>
public sealed record ReadmeCodeBlock(int FirstLine, string Section, string Code)
{
    private static readonly Regex Opening = new(@"^(?<indent>\s*)(?<fence>`{3,}|~{3,})\s*(?<info>[^`\s]*)", RegexOptions.Compiled);
    private static readonly Regex SectionMarker = new(@"^<!--\s*section:\s*(?<name>[\w-]+)\s*-->", RegexOptions.Compiled);

    /// <summary>The info strings that mean C#; every such block is compiled.</summary>
    public static readonly string[] CSharpInfoStrings = ["csharp", "cs", "c#"];

    /// <summary>Reads every C# block of a Markdown text. Indented fences (inside lists) are un-indented.</summary>
    public static IReadOnlyList<ReadmeCodeBlock> Parse(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var blocks = new List<ReadmeCodeBlock>();
        var section = "(top)";
        for (var i = 0; i < lines.Length; i++)
        {
            if (SectionMarker.Match(lines[i]) is { Success: true } marker)
            {
                section = marker.Groups["name"].Value;
                continue;
            }

            var opening = Opening.Match(lines[i]);
            if (!opening.Success)
            {
                continue;
            }

            var fence = opening.Groups["fence"].Value;
            var indent = opening.Groups["indent"].Value.Length;
            var info = opening.Groups["info"].Value;
            var body = new List<string>();
            var j = i + 1;
            for (; j < lines.Length && !lines[j].TrimStart().StartsWith(fence, StringComparison.Ordinal); j++)
            {
                body.Add(lines[j].Length >= indent && string.IsNullOrWhiteSpace(lines[j][..indent]) ? lines[j][indent..] : lines[j].TrimStart());
            }

            if (CSharpInfoStrings.Contains(info, StringComparer.OrdinalIgnoreCase))
            {
                blocks.Add(new ReadmeCodeBlock(i + 2, section, string.Join('\n', body)));
            }

            i = j;
        }

        return blocks;
    }

    /// <summary>Names the block in test output: its line and section.</summary>
    public override string ToString() => $"README.md line {FirstLine} ({Section})";
}
