// Conventions for ```csharp blocks in README.md. This test compiles every one of them (info string csharp, cs or c#;
// ```json, ```bash and the like are not compiled), each block on its own, the way a reader would paste it:
//
// - A block is a complete C# file: optional using directives, then top-level statements (`await` is fine), then
//   optional type declarations (a handler, a class using [FromKeyedServices]). A block of only type declarations
//   compiles as a library. Snippets that are not valid on their own (a lone member, "..." placeholders) fail.
// - Usings in scope without writing them: those of a new console project (System, System.Collections.Generic,
//   System.IO, System.Linq, System.Net.Http, System.Threading, System.Threading.Tasks) and PgBeam. Write any other
//   using in the block itself (Microsoft.Extensions.DependencyInjection, Microsoft.AspNetCore.Builder, …), so the
//   block also compiles where it is pasted.
// - Variables in scope without declaring them (ReadmeCompiler.Prelude): `PgBeamClient client`, the ids `projectId`,
//   `orgId`, `agentId`, `databaseId`, `policyId`, `approvalId`, `webhookId`, `anomalyId`, `branchId` (strings),
//   `CancellationToken cancellationToken`, `IServiceCollection services`, `IConfiguration configuration`.
//   A block may declare its own (`var client = new PgBeamClient(...)`); its declaration wins.
// - Referenced: PgBeam, PgBeam.Testing (when the test project references it), every assembly the test project
//   loads (NUnit, Microsoft.Extensions.*, MockHttp), and the ASP.NET Core shared framework.
// - Compiled with nullable enabled; only errors fail, plus the warnings that mean a wrong example: CS4014 (a call
//   not awaited), CS0618 (an obsolete API), CS8892 (an entry point ignored).
// A failure names the README line of each error.

using System.IO;
using System.Linq;
using NUnit.Framework;

namespace PgBeam.Tests.Readme;

public class ReadmeCodeBlockTests
{
    private static string ReadmeText() => File.ReadAllText(RepoPaths.Combine("README.md"));

    public static TestCaseData[] Blocks() =>
        [.. ReadmeCodeBlock.Parse(ReadmeText()).Select(block => new TestCaseData(block).SetName($"README_block_at_line_{block.FirstLine}_{block.Section.Replace('-', '_')}_compiles"))];

    [TestCaseSource(nameof(Blocks))]
    public void Block(ReadmeCodeBlock block)
    {
        var errors = ReadmeCompiler.Compile(block.Code, block.FirstLine);

        Assert.That(errors, Is.Empty, $"{block} does not compile:\n{string.Join('\n', errors)}\n\n{block.Code}");
    }

    [Test]
    public void The_readme_has_csharp_blocks_in_each_facade_section()
    {
        var sections = ReadmeCodeBlock.Parse(ReadmeText()).Select(block => block.Section).ToHashSet();

        Assert.That(sections, Is.SupersetOf(new[] { "install", "setup", "authentication", "services", "examples", "dependency-injection" }));
    }

    [Test]
    public void A_block_that_calls_a_missing_method_fails_with_its_readme_line()
    {
        const string code = """
            using PgBeam;

            var profiles = await client.Policies.ListEverythingAsync(projectId);
            """;

        var errors = ReadmeCompiler.Compile(code, firstReadmeLine: 100);

        Assert.That(errors, Has.Some.StartsWith("README.md(102,").And.Contains("ListEverythingAsync"));
    }

    [Test]
    public void A_block_that_forgets_await_fails()
    {
        var errors = ReadmeCompiler.Compile("client.Agents.RevokeAgentCredentialAsync(projectId, agentId);", firstReadmeLine: 1);

        Assert.That(errors, Has.Some.Contains("CS4014"));
    }

    [Test]
    public void A_block_may_declare_its_own_client_and_types_after_its_statements()
    {
        const string code = """
            using Microsoft.Extensions.DependencyInjection;

            var client = new PgBeamClient("pgb_key");
            await new Report(client).RunAsync();

            sealed class Report(PgBeamClient client)
            {
                public Task RunAsync() => client.Platform.GetHealthAsync();
            }
            """;

        Assert.That(ReadmeCompiler.Compile(code, firstReadmeLine: 1), Is.Empty);
    }

    [Test]
    public void Blocks_are_found_with_their_line_and_section_and_other_languages_are_skipped()
    {
        const string markdown = "# T\n<!-- section: demo -->\n```json\n{}\n```\n\n  ```csharp\n  var x = 1;\n  ```\n```cs\nvar y = 2;\n```\n";

        var blocks = ReadmeCodeBlock.Parse(markdown);

        Assert.That(blocks.Select(b => (b.FirstLine, b.Section, b.Code)), Is.EqualTo(new[] { (8, "demo", "var x = 1;"), (11, "demo", "var y = 2;") }));
    }

    [Test]
    public void The_aspnetcore_shared_framework_is_referenced_for_blocks_that_use_it()
    {
        Assert.That(ReadmeCompiler.AspNetCoreFrameworkDirectory(), Is.Not.Null, "the test machine needs the ASP.NET Core runtime for the DI examples");
    }
}
