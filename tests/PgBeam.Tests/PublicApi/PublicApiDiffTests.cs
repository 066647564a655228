using System;
using System.IO;
using System.Linq;
using NUnit.Framework;

namespace PgBeam.Tests.PublicApi;

/// <summary>The classifier of public API changes, on small listings in PublicApiGenerator's format and on the real snapshot.</summary>
public class PublicApiDiffTests
{
    private const string Before = """
        namespace PgBeam
        {
            public class HoneytokenInput
            {
                public HoneytokenInput() { }
                [Newtonsoft.Json.JsonProperty("name")]
                public string Name { get; set; }
                public int? Port { get; set; }
                public System.Collections.Generic.IList<string> Tags { get; set; }
            }
            public interface IHoneytokensClient
            {
                System.Threading.Tasks.Task<PgBeam.Honeytoken> CreateHoneytokenAsync(string projectId, PgBeam.HoneytokenInput body, PgBeam.RequestOptions? requestOptions = null, System.Threading.CancellationToken cancellationToken = default);
                System.Threading.Tasks.Task<PgBeam.Honeytoken> GetHoneytokenAsync(string projectId, string honeytokenId, System.Threading.CancellationToken cancellationToken = default);
            }
            public readonly struct ProjectStatus : System.IEquatable<PgBeam.ProjectStatus>
            {
                public ProjectStatus(string value) { }
                public static PgBeam.ProjectStatus Active { get; }
                public static PgBeam.ProjectStatus Paused_for_billing { get; }
                public bool Equals(PgBeam.ProjectStatus other) { }
            }
            public sealed class Scanner
            {
                public Scanner() { }
                public PgBeam.ScanResult Scan(string text, int limit = 10) { }
            }
        }
        """;

    [Test]
    public void The_same_listing_has_no_change()
    {
        var changes = PublicApiDiff.Classify(Before, Before);

        Assert.That(changes, Is.Empty);
        Assert.That(PublicApiDiff.Report("PgBeam", changes), Does.StartWith("PgBeam: no change"));
    }

    [Test]
    public void A_new_type_a_new_member_and_a_new_enum_value_are_additions_only_and_safe()
    {
        var after = Before
            .Replace("        public static PgBeam.ProjectStatus Active { get; }", "        public static PgBeam.ProjectStatus Active { get; }\n        public static PgBeam.ProjectStatus Archived { get; }", StringComparison.Ordinal)
            .Replace("    public sealed class Scanner", "    public sealed class ScanResult\n    {\n        public ScanResult() { }\n        public bool Clean { get; set; }\n    }\n    public sealed class Scanner", StringComparison.Ordinal);

        var changes = PublicApiDiff.Classify(Before, after);

        Assert.Multiple(() =>
        {
            Assert.That(changes.Select(c => c.Kind), Is.All.EqualTo(ApiChangeKind.Added));
            Assert.That(changes.Select(c => c.Subject), Is.EquivalentTo(new[]
            {
                "PgBeam.ProjectStatus.Archived", "PgBeam.ScanResult", "PgBeam.ScanResult..ctor", "PgBeam.ScanResult.Clean",
            }));
            Assert.That(PublicApiDiff.Report("PgBeam", changes), Does.StartWith("PgBeam: additions only: safe (4 added)"));
            Assert.That(PublicApiDiff.Report("PgBeam", changes), Does.Contain("public static PgBeam.ProjectStatus Archived { get; }"));
        });
    }

    [Test]
    public void A_removed_member_is_breaking()
    {
        var changes = PublicApiDiff.Classify(Before, Before.Replace("        public System.Collections.Generic.IList<string> Tags { get; set; }\n", string.Empty, StringComparison.Ordinal));

        Assert.That(changes, Has.One.Matches<ApiChange>(c => c.Kind == ApiChangeKind.Removed && c.Subject == "PgBeam.HoneytokenInput.Tags"));
        Assert.That(PublicApiDiff.Report("PgBeam", changes), Does.StartWith("PgBeam: BREAKING: 1 change(s) need a reviewed decision (removed 1); 0 added"));
    }

    [Test]
    public void An_enum_value_that_only_changes_its_name_is_a_rename()
    {
        var changes = PublicApiDiff.Classify(Before, Before.Replace("Paused_for_billing", "PausedForBilling", StringComparison.Ordinal));

        Assert.That(changes, Has.Count.EqualTo(1));
        Assert.That(changes[0].Kind, Is.EqualTo(ApiChangeKind.Renamed));
        Assert.That(changes[0].Subject, Is.EqualTo("PgBeam.ProjectStatus.Paused_for_billing"));
        Assert.That(changes[0].Detail, Does.StartWith("Paused_for_billing → PausedForBilling"));
    }

    [Test]
    public void A_type_whose_members_stay_the_same_under_a_new_name_is_a_rename()
    {
        var after = Before.Replace("class Scanner", "class TextScanner", StringComparison.Ordinal).Replace("public Scanner()", "public TextScanner()", StringComparison.Ordinal);

        var changes = PublicApiDiff.Classify(Before, after);

        Assert.That(changes.Select(c => (c.Kind, c.Subject, c.Detail)), Is.EqualTo(new[] { (ApiChangeKind.Renamed, "PgBeam.Scanner", "→ PgBeam.TextScanner") }));
    }

    [Test]
    public void A_required_modifier_and_a_parameter_that_loses_its_default_make_optional_required()
    {
        var after = Before
            .Replace("public string Name { get; set; }", "public required string Name { get; set; }", StringComparison.Ordinal)
            .Replace("int limit = 10", "int limit", StringComparison.Ordinal);

        var changes = PublicApiDiff.Classify(Before, after);

        Assert.That(changes.Select(c => (c.Kind, c.Subject)), Is.EquivalentTo(new[]
        {
            (ApiChangeKind.OptionalToRequired, "PgBeam.HoneytokenInput.Name"),
            (ApiChangeKind.OptionalToRequired, "PgBeam.Scanner.Scan"),
        }));
        Assert.That(changes.Single(c => c.Subject.EndsWith("Scan", StringComparison.Ordinal)).Detail, Does.Contain("parameter limit has no default"));
    }

    [Test]
    public void A_property_return_or_parameter_of_another_type_is_a_type_change()
    {
        var after = Before
            .Replace("public int? Port { get; set; }", "public int Port { get; set; }", StringComparison.Ordinal)
            .Replace("public PgBeam.ScanResult Scan(string text", "public PgBeam.ScanReport Scan(System.ReadOnlyMemory<char> text", StringComparison.Ordinal);

        var changes = PublicApiDiff.Classify(Before, after);

        Assert.That(changes.Select(c => (c.Kind, c.Subject, c.Detail)), Is.EquivalentTo(new[]
        {
            (ApiChangeKind.TypeChanged, "PgBeam.HoneytokenInput.Port", "int? → int"),
            (ApiChangeKind.TypeChanged, "PgBeam.Scanner.Scan", "returns PgBeam.ScanResult → PgBeam.ScanReport"),
            (ApiChangeKind.TypeChanged, "PgBeam.Scanner.Scan", "parameter text: string → System.ReadOnlyMemory<char>"),
        }));
    }

    [Test]
    public void A_new_optional_header_parameter_in_front_of_the_request_options_is_a_breaking_signature_change()
    {
        var after = Before.Replace("PgBeam.HoneytokenInput body, PgBeam.RequestOptions?", "PgBeam.HoneytokenInput body, string? ifMatch = null, PgBeam.RequestOptions?", StringComparison.Ordinal);

        var changes = PublicApiDiff.Classify(Before, after);

        Assert.That(changes, Has.Count.EqualTo(1));
        Assert.That(changes[0].Kind, Is.EqualTo(ApiChangeKind.Changed));
        Assert.That(changes[0].Subject, Is.EqualTo("PgBeam.IHoneytokensClient.CreateHoneytokenAsync"));
        Assert.That(changes[0].Detail, Does.StartWith("optional parameter(s) added: string? ifMatch = null"));
    }

    [Test]
    public void A_member_added_to_an_interface_is_an_addition_that_names_its_cost_to_implementers()
    {
        var after = Before.Replace(
            "    public interface IHoneytokensClient\n    {",
            "    public interface IHoneytokensClient\n    {\n        System.Threading.Tasks.Task DeleteHoneytokenAsync(string projectId, string honeytokenId, System.Threading.CancellationToken cancellationToken = default);",
            StringComparison.Ordinal);

        var change = PublicApiDiff.Classify(Before, after).Single();

        Assert.That(change.Kind, Is.EqualTo(ApiChangeKind.Added));
        Assert.That(change.Detail, Does.Contain("implementers of the interface must add it"));
    }

    [Test]
    public void A_changed_attribute_is_a_change_to_review()
    {
        var change = PublicApiDiff.Classify(Before, Before.Replace("JsonProperty(\"name\")", "JsonProperty(\"name\", Required=Newtonsoft.Json.Required.Always)", StringComparison.Ordinal)).Single();

        Assert.That(change.Kind, Is.EqualTo(ApiChangeKind.Changed));
        Assert.That(change.Subject, Is.EqualTo("PgBeam.HoneytokenInput.Name"));
        Assert.That(change.Detail, Does.StartWith("attributes -[Newtonsoft.Json.JsonProperty(\"name\")]"));
    }

    [TestCase("PgBeam")]
    [TestCase("PgBeam.Testing")]
    public void The_committed_snapshot_parses_into_every_type_and_member_it_lists(string package)
    {
        var text = File.ReadAllText(RepoPaths.Combine("tests", "PgBeam.Tests", "PublicApi", package + ".PublicApi.txt"));
        var surface = ApiSurface.Parse(text);
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && l != "{" && l != "}" && !l.StartsWith("namespace ", StringComparison.Ordinal) && !l.StartsWith('[')).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(surface.Types.Count + surface.Types.Values.Sum(t => t.Members.Count), Is.EqualTo(lines.Count), "every line is a type or a member");
            Assert.That(surface.Types.Values.SelectMany(t => t.Members).Where(m => m.Name.Length == 0 || m.Name.Contains(' ', StringComparison.Ordinal) && m.Kind != ApiMemberKind.Operator), Is.Empty);
            Assert.That(PublicApiDiff.Classify(text, text), Is.Empty);
        });
    }
}
