using System.IO;
using System.Linq;
using NUnit.Framework;
using PgBeam.Tests.Readme;

namespace PgBeam.Tests.Docs;

/// <summary>
/// The C# blocks of the docs site's articles (docs/**/*.md) and of the package readmes (src/*/package-readme.md)
/// compile, under the same conventions as the README's blocks (see ReadmeCodeBlockTests).
/// </summary>
public class DocsCodeBlockTests
{
    private static string[] Files() =>
    [
        .. Directory.GetFiles(RepoPaths.Combine("docs"), "*.md", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}_site{Path.DirectorySeparatorChar}", System.StringComparison.Ordinal)),
        .. Directory.GetFiles(RepoPaths.Combine("src"), "package-readme.md", SearchOption.AllDirectories),
    ];

    public static TestCaseData[] Blocks() =>
    [
        .. Files().Order(System.StringComparer.Ordinal).SelectMany(file =>
        {
            var relative = Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/');
            return ReadmeCodeBlock.Parse(File.ReadAllText(file)).Select(block =>
                new TestCaseData(relative, block).SetName($"{relative.Replace('/', '_').Replace('.', '_').Replace('-', '_')}_block_at_line_{block.FirstLine}_compiles"));
        }),
    ];

    [TestCaseSource(nameof(Blocks))]
    public void Block(string file, ReadmeCodeBlock block)
    {
        var errors = ReadmeCompiler.Compile(block.Code, block.FirstLine);

        // The compiler names README.md; the line numbers are those of this file.
        Assert.That(errors, Is.Empty, $"{file}, block at line {block.FirstLine}, does not compile:\n{string.Join('\n', errors)}\n\n{block.Code}");
    }

    [Test]
    public void Every_article_and_package_readme_with_code_is_checked()
    {
        var withBlocks = Files().Where(file => ReadmeCodeBlock.Parse(File.ReadAllText(file)).Count > 0)
            .Select(file => Path.GetFileName(file)).ToList();

        Assert.That(withBlocks, Is.SupersetOf(new[]
        {
            "getting-started.md", "errors-and-retries.md", "pagination.md", "conditional-requests.md", "webhooks.md",
            "testing-with-the-sandbox.md", "package-readme.md",
        }));
        Assert.That(withBlocks.Count(name => name == "package-readme.md"), Is.EqualTo(2));
    }
}
