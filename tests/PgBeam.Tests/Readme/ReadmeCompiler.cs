using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace PgBeam.Tests.Readme;

/// <summary>
/// Compiles one README block on its own, as a user would paste it into a fresh project, with the prelude described
/// in <see cref="ReadmeCodeBlockTests"/>.
/// </summary>
internal static class ReadmeCompiler
{
    /// <summary>The usings every block gets, as a new console project's implicit usings do, plus <c>PgBeam</c>.</summary>
    public static readonly string[] GlobalUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading",
        "System.Threading.Tasks", "PgBeam",
    ];

    /// <summary>Variables a block may use without declaring them; a block's own declaration of the same name wins.</summary>
    public const string Prelude = """
        public static class ReadmePrelude
        {
            public static global::PgBeam.PgBeamClient client = null!;
            public static string projectId = "prj_xxx";
            public static string orgId = "org_xxx";
            public static string agentId = "agt_xxx";
            public static string databaseId = "db_xxx";
            public static string policyId = "pol_xxx";
            public static string approvalId = "apr_xxx";
            public static string webhookId = "wh_xxx";
            public static string anomalyId = "anm_xxx";
            public static string branchId = "br_xxx";
            public static global::System.Threading.CancellationToken cancellationToken = default;
            public static global::Microsoft.Extensions.DependencyInjection.IServiceCollection services = null!;
            public static global::Microsoft.Extensions.Configuration.IConfiguration configuration = null!;
        }
        """;

    /// <summary>Warnings that mean a README example is wrong, reported as errors.</summary>
    private static readonly string[] WarningsThatFail = ["CS4014", "CS0618", "CS8892"];

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>The errors of compiling <paramref name="code"/>, each located by README line.</summary>
    public static IReadOnlyList<string> Compile(string code, int firstReadmeLine) => Emit(code, firstReadmeLine, out _);

    /// <summary>Compiles <paramref name="code"/>; on success <paramref name="image"/> holds the assembly, to run it.</summary>
    public static IReadOnlyList<string> Emit(string code, int firstReadmeLine, out byte[]? image)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var blockTree = CSharpSyntaxTree.ParseText(code, parseOptions, path: "README.md");
        var preludeText = new StringBuilder();
        foreach (var ns in GlobalUsings)
        {
            preludeText.Append("global using ").Append(ns).AppendLine(";");
        }

        preludeText.AppendLine("global using static ReadmePrelude;").AppendLine(Prelude);
        var preludeTree = CSharpSyntaxTree.ParseText(preludeText.ToString(), parseOptions, path: "Prelude.cs");

        var hasStatements = blockTree.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
        var options = new CSharpCompilationOptions(hasStatements ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary)
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(WarningsThatFail.ToDictionary(id => id, _ => ReportDiagnostic.Error));
        var compilation = CSharpCompilation.Create("ReadmeBlock" + Guid.NewGuid().ToString("N"), [preludeTree, blockTree], References, options);

        using var output = new MemoryStream();
        var result = compilation.Emit(output);
        image = result.Success ? output.ToArray() : null;
        return result.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => Describe(d, firstReadmeLine))
            .ToList();
    }

    private static string Describe(Diagnostic diagnostic, int firstReadmeLine)
    {
        var span = diagnostic.Location.GetLineSpan();
        var where = span.Path == "README.md"
            ? $"README.md({firstReadmeLine + span.StartLinePosition.Line},{span.StartLinePosition.Character + 1})"
            : span.Path.Length == 0 ? "(no location)" : $"{span.Path}({span.StartLinePosition.Line + 1})";
        return $"{where}: {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// Everything this test process can load (the runtime, PgBeam, PgBeam.Testing when referenced, the test packages)
    /// plus the ASP.NET Core shared framework; where two versions of an assembly exist, the higher one.
    /// </summary>
    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var candidates = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        if (AspNetCoreFrameworkDirectory() is { } aspNetCore)
        {
            candidates.AddRange(Directory.GetFiles(aspNetCore, "*.dll"));
        }

        var newest = new Dictionary<string, (Version Version, string Path)>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in candidates.Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)))
        {
            AssemblyName name;
            try
            {
                name = AssemblyName.GetAssemblyName(path);
            }
            catch (BadImageFormatException)
            {
                continue; // a native library
            }

            var version = name.Version ?? new Version(0, 0);
            if (!newest.TryGetValue(name.Name!, out var known) || version > known.Version)
            {
                newest[name.Name!] = (version, path);
            }
        }

        return [.. newest.Values.Select(v => (MetadataReference)MetadataReference.CreateFromFile(v.Path))];
    }

    /// <summary>The Microsoft.AspNetCore.App folder beside the running Microsoft.NETCore.App, same version if present.</summary>
    public static string? AspNetCoreFrameworkDirectory()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var sharedDirectory = Path.GetDirectoryName(Path.GetDirectoryName(runtimeDirectory))!;
        var aspNetCore = Path.Combine(sharedDirectory, "Microsoft.AspNetCore.App");
        if (!Directory.Exists(aspNetCore))
        {
            return null;
        }

        var sameVersion = Path.Combine(aspNetCore, Path.GetFileName(runtimeDirectory));
        if (Directory.Exists(sameVersion))
        {
            return sameVersion;
        }

        var major = Environment.Version.Major.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".";
        return Directory.GetDirectories(aspNetCore)
            .Where(d => Path.GetFileName(d).StartsWith(major, StringComparison.Ordinal))
            .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version(0, 0))
            .FirstOrDefault();
    }
}
