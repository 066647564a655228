// Lists and checks the packages build/pack.sh made. Run through build/check-package.sh, which passes:
//   <package folder> <expected version> <repository root>
// A .NET file-based program (dotnet run build/PackageCheck.cs), so it needs no project and no package: it reads the
// zips, nuspecs, DLLs and portable PDBs with the BCL (System.IO.Compression, System.Xml.Linq, System.Reflection.Metadata).
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Xml.Linq;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: dotnet run build/PackageCheck.cs -- <package folder> <version> <repository root>");
    return 2;
}

var folder = args[0];
var version = args[1];
var repoRoot = args[2].TrimEnd('/');
string[] frameworks = ["net8.0", "net10.0"];
var failures = new List<string>();
var checks = 0;

void Check(bool ok, string what)
{
    checks++;
    if (!ok)
    {
        failures.Add(what);
        Console.WriteLine($"  FAIL {what}");
    }
}

// Only these may be dependencies of PgBeam: what runs. Nothing of NSwag, of the tests or of the build.
string[] runtimeDependencies =
[
    "Microsoft.Extensions.Configuration.Abstractions", "Microsoft.Extensions.DependencyInjection.Abstractions",
    "Microsoft.Extensions.Http", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Options",
    "Microsoft.Extensions.Options.ConfigurationExtensions", "Newtonsoft.Json",
];

foreach (var id in new[] { "PgBeam", "PgBeam.Testing" })
{
    var nupkgPath = Path.Combine(folder, $"{id}.{version}.nupkg");
    var snupkgPath = Path.Combine(folder, $"{id}.{version}.snupkg");
    Console.WriteLine($"{id} {version}");
    if (!File.Exists(nupkgPath) || !File.Exists(snupkgPath))
    {
        Check(false, $"{id}: {Path.GetFileName(nupkgPath)} and {Path.GetFileName(snupkgPath)} exist in {folder}");
        continue;
    }

    using var nupkg = ZipFile.OpenRead(nupkgPath);
    using var snupkg = ZipFile.OpenRead(snupkgPath);
    foreach (var (zip, name) in new[] { (nupkg, Path.GetFileName(nupkgPath)), (snupkg, Path.GetFileName(snupkgPath)) })
    {
        Console.WriteLine($"  {name} ({new FileInfo(Path.Combine(folder, name)).Length:N0} bytes)");
        foreach (var entry in zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            Console.WriteLine($"    {entry.Length,10:N0}  {entry.FullName}");
        }
    }

    // Contents: exactly the expected files (packaging metadata aside).
    static bool IsPackagingFile(string path) =>
        path is "_rels/.rels" or "[Content_Types].xml" || path.StartsWith("package/services/metadata/core-properties/", StringComparison.Ordinal);
    var expectedContent = new[] { $"{id}.nuspec", "README.md", "CHANGELOG.md" }
        .Concat(frameworks.SelectMany(tfm => new[] { $"lib/{tfm}/{id}.dll", $"lib/{tfm}/{id}.xml" })).ToHashSet();
    var content = nupkg.Entries.Select(e => e.FullName).Where(p => !IsPackagingFile(p)).ToHashSet();
    Check(content.SetEquals(expectedContent),
        $"{id}.nupkg holds lib/{{net8.0,net10.0}}/{id}.dll + .xml, README.md, CHANGELOG.md and nothing else; missing [{string.Join(", ", expectedContent.Except(content))}], extra [{string.Join(", ", content.Except(expectedContent))}]");
    var expectedSymbols = new[] { $"{id}.nuspec" }.Concat(frameworks.Select(tfm => $"lib/{tfm}/{id}.pdb")).ToHashSet();
    var symbols = snupkg.Entries.Select(e => e.FullName).Where(p => !IsPackagingFile(p)).ToHashSet();
    Check(symbols.SetEquals(expectedSymbols),
        $"{id}.snupkg holds lib/{{net8.0,net10.0}}/{id}.pdb and nothing else; missing [{string.Join(", ", expectedSymbols.Except(symbols))}], extra [{string.Join(", ", symbols.Except(expectedSymbols))}]");

    // Metadata.
    var nuspec = XDocument.Load(nupkg.GetEntry($"{id}.nuspec")!.Open());
    var ns = nuspec.Root!.Name.Namespace;
    var metadata = nuspec.Root.Element(ns + "metadata")!;
    string? Meta(string element) => metadata.Element(ns + element)?.Value;
    Check(Meta("id") == id, $"{id}: nuspec id is {id} (is {Meta("id")})");
    Check(Meta("version") == version, $"{id}: nuspec version is {version} (is {Meta("version")})");
    Check(!string.IsNullOrWhiteSpace(Meta("authors")), $"{id}: nuspec has authors");
    Check(Meta("description") is { Length: > 40 }, $"{id}: nuspec has a description");
    var license = metadata.Element(ns + "license");
    Check(license?.Attribute("type")?.Value == "expression" && license.Value == "Apache-2.0", $"{id}: license expression Apache-2.0");
    Check(Meta("readme") == "README.md", $"{id}: package readme is README.md");
    Check(Meta("projectUrl")?.StartsWith("https://", StringComparison.Ordinal) == true, $"{id}: projectUrl is https ({Meta("projectUrl")})");
    Check((Meta("tags") ?? "").Split(' ').Contains("pgbeam"), $"{id}: tags include pgbeam");
    Check(Meta("releaseNotes")?.Contains("CHANGELOG", StringComparison.Ordinal) == true, $"{id}: release notes point at the CHANGELOG");
    var repository = metadata.Element(ns + "repository");
    var repositoryUrl = repository?.Attribute("url")?.Value;
    Check(repository?.Attribute("type")?.Value == "git", $"{id}: repository type git");
    Check(repositoryUrl is null || repositoryUrl.StartsWith("https://", StringComparison.Ordinal), $"{id}: a repository URL, when present, is https ({repositoryUrl})");
    Console.WriteLine($"  repository: {repositoryUrl ?? "(no URL: none is known yet)"}, commit {repository?.Attribute("commit")?.Value ?? "(none)"}");

    // Dependencies: one group per framework, only what runs.
    var groups = metadata.Element(ns + "dependencies")?.Elements(ns + "group").ToList() ?? [];
    Check(groups.Select(g => g.Attribute("targetFramework")?.Value).Order(StringComparer.Ordinal).SequenceEqual(frameworks.Order(StringComparer.Ordinal)),
        $"{id}: dependency groups for net8.0 and net10.0");
    foreach (var group in groups)
    {
        var tfm = group.Attribute("targetFramework")?.Value;
        var dependencies = group.Elements(ns + "dependency").ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value);
        Console.WriteLine($"  dependencies ({tfm}): {string.Join(", ", dependencies.Select(d => $"{d.Key} {d.Value}"))}");
        if (id == "PgBeam")
        {
            Check(dependencies.Keys.Order(StringComparer.Ordinal).SequenceEqual(runtimeDependencies.Order(StringComparer.Ordinal)),
                $"{id} ({tfm}): dependencies are exactly the runtime ones; extra [{string.Join(", ", dependencies.Keys.Except(runtimeDependencies))}], missing [{string.Join(", ", runtimeDependencies.Except(dependencies.Keys))}]");
            foreach (var (dependency, range) in dependencies.Where(d => d.Key.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)))
            {
                Check(range.StartsWith("8.", StringComparison.Ordinal), $"{id} ({tfm}): {dependency} stays at 8.x so users are not forced to upgrade (is {range})");
            }
        }
        else
        {
            // PgBeam pinned exactly; YamlDotNet reads the contract the sandbox embeds; nothing else.
            Check(dependencies.GetValueOrDefault("PgBeam") == $"[{version}]",
                $"{id} ({tfm}): depends on exactly PgBeam [{version}], whose internals it uses");
            Check(dependencies.Keys.All(name => name is "PgBeam" or "YamlDotNet"),
                $"{id} ({tfm}): depends on nothing but PgBeam and YamlDotNet (has {string.Join(", ", dependencies.Keys)})");
        }
    }

    // The package readme renders on a gallery: no links relative to a repository it does not have.
    var readme = new StreamReader(nupkg.GetEntry("README.md")!.Open()).ReadToEnd();
    var relativeLinks = System.Text.RegularExpressions.Regex.Matches(readme, @"\]\((?!https?://|#)([^)]*)\)").Select(m => m.Groups[1].Value).ToList();
    Check(readme.Length > 200 && relativeLinks.Count == 0, $"{id}: README.md is ours and has no relative links [{string.Join(", ", relativeLinks)}]");

    foreach (var tfm in frameworks)
    {
        var dll = Read(nupkg, $"lib/{tfm}/{id}.dll");
        var pdb = Read(snupkg, $"lib/{tfm}/{id}.pdb");
        var xml = Read(nupkg, $"lib/{tfm}/{id}.xml");
        if (dll is null || pdb is null || xml is null)
        {
            continue;
        }

        using var pe = new PEReader(new MemoryStream(dll));
        var reader = pe.GetMetadataReader();
        var attributes = AssemblyAttributes(reader);
        var informational = attributes.GetValueOrDefault("System.Reflection.AssemblyInformationalVersionAttribute")?.FirstOrDefault() ?? "";
        Check(informational == version || informational.StartsWith(version + "+", StringComparison.Ordinal),
            $"{id} ({tfm}): informational version is {version} (is {informational})");
        var targetFramework = attributes.GetValueOrDefault("System.Runtime.Versioning.TargetFrameworkAttribute")?.FirstOrDefault();
        Check(targetFramework == $".NETCoreApp,Version=v{tfm[3..]}", $"{id} ({tfm}): built for {tfm} (is {targetFramework})");
        if (id == "PgBeam")
        {
            var contract = attributes.GetValueOrDefault("System.Reflection.AssemblyMetadataAttribute")?.Chunk(2).FirstOrDefault(p => p[0] == "PgBeamContractVersion")?[1];
            Check(!string.IsNullOrEmpty(contract), $"{id} ({tfm}): records the contract version (AssemblyMetadata PgBeamContractVersion = {contract})");
            if (tfm == frameworks[0])
            {
                Console.WriteLine($"  contract version: {contract}");
            }
        }

        // Deterministic, and no path of the build machine: the PDB path is /_/…, and the PDB is the one in the .snupkg.
        var debug = pe.ReadDebugDirectory();
        Check(debug.Any(e => e.Type == DebugDirectoryEntryType.Reproducible), $"{id} ({tfm}): built deterministically (Reproducible debug entry)");
        var codeView = debug.Where(e => e.Type == DebugDirectoryEntryType.CodeView).Select(pe.ReadCodeViewDebugDirectoryData).FirstOrDefault();
        Check(codeView.Path?.StartsWith("/_/", StringComparison.Ordinal) == true, $"{id} ({tfm}): PDB path is mapped to /_/ (is {codeView.Path})");
        using var pdbProvider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(pdb));
        var pdbReader = pdbProvider.GetMetadataReader();
        var pdbId = new BlobContentId(pdbReader.DebugMetadataHeader!.Id);
        Check(pdbId.Guid == codeView.Guid, $"{id} ({tfm}): the .snupkg PDB matches the DLL");

        // Sources embedded in the PDB, every one, under /_/; Source Link only with a repository URL.
        var documents = pdbReader.Documents.Select(pdbReader.GetDocument).ToList();
        var embedded = pdbReader.Documents.Count(handle => pdbReader.GetCustomDebugInformation(handle)
            .Any(cdi => pdbReader.GetGuid(pdbReader.GetCustomDebugInformation(cdi).Kind) == EmbeddedSource));
        var paths = documents.Select(d => pdbReader.GetString(d.Name)).ToList();
        Check(documents.Count > 0 && embedded == documents.Count, $"{id} ({tfm}): every source file is embedded in the PDB ({embedded} of {documents.Count})");
        Check(paths.All(p => p.StartsWith("/_/", StringComparison.Ordinal)), $"{id} ({tfm}): source paths are mapped to /_/ (e.g. {paths.FirstOrDefault(p => !p.StartsWith("/_/", StringComparison.Ordinal))})");
        var hasSourceLink = pdbReader.GetCustomDebugInformation(EntityHandle.ModuleDefinition)
            .Any(cdi => pdbReader.GetGuid(pdbReader.GetCustomDebugInformation(cdi).Kind) == SourceLink);
        Check(hasSourceLink == (repositoryUrl is not null), $"{id} ({tfm}): Source Link {(repositoryUrl is null ? "absent: no repository URL is known" : "present for " + repositoryUrl)}");
        if (tfm == frameworks[0])
        {
            Console.WriteLine($"  PDB: {documents.Count} source files embedded, Source Link {(hasSourceLink ? "on" : "off")}");
        }

        // XML docs: one entry for every public type.
        var docs = XDocument.Load(new MemoryStream(xml));
        var documented = docs.Descendants("member").Select(m => m.Attribute("name")!.Value).ToHashSet(StringComparer.Ordinal);
        var publicTypes = PublicTypeNames(reader).ToList();
        var undocumented = publicTypes.Where(t => !documented.Contains("T:" + t)).ToList();
        Check(docs.Root?.Element("assembly")?.Element("name")?.Value == id && publicTypes.Count > 0 && undocumented.Count == 0,
            $"{id} ({tfm}): XML docs cover every public type ({publicTypes.Count - undocumented.Count} of {publicTypes.Count}; missing {string.Join(", ", undocumented.Take(5))})");
    }
}

// No file of either package may contain this machine's checkout path, in UTF-8 or UTF-16.
var needles = new[] { Encoding.UTF8.GetBytes(repoRoot), Encoding.Unicode.GetBytes(repoRoot) };
foreach (var path in Directory.GetFiles(folder, "PgBeam*.*nupkg"))
{
    using var zip = ZipFile.OpenRead(path);
    foreach (var entry in zip.Entries)
    {
        using var stream = entry.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var bytes = buffer.ToArray();
        if (entry.FullName.EndsWith(".pdb", StringComparison.Ordinal))
        {
            bytes = [.. bytes, .. PdbEmbeddedSourceText(bytes)];
        }

        Check(!needles.Any(n => bytes.AsSpan().IndexOf(n) >= 0), $"{Path.GetFileName(path)}: {entry.FullName} does not contain the build machine's path {repoRoot}");
    }
}

Console.WriteLine(failures.Count == 0
    ? $"check-package: {checks} checks passed"
    : $"check-package: {failures.Count} of {checks} checks failed");
return failures.Count == 0 ? 0 : 1;

static byte[]? Read(ZipArchive zip, string path)
{
    var entry = zip.GetEntry(path);
    if (entry is null)
    {
        return null;
    }

    using var stream = entry.Open();
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    return buffer.ToArray();
}

// The string arguments of the assembly attributes the checks read, by attribute type name.
static Dictionary<string, List<string>> AssemblyAttributes(MetadataReader reader)
{
    var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
    foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
    {
        var attribute = reader.GetCustomAttribute(handle);
        if (attribute.Constructor.Kind != HandleKind.MemberReference)
        {
            continue;
        }

        var parent = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
        if (parent.Kind != HandleKind.TypeReference)
        {
            continue;
        }

        var type = reader.GetTypeReference((TypeReferenceHandle)parent);
        var name = reader.GetString(type.Namespace) + "." + reader.GetString(type.Name);
        var blob = reader.GetBlobReader(attribute.Value);
        if (blob.ReadUInt16() != 1)
        {
            continue;
        }

        if (!StringArguments.TryGetValue(name, out var count))
        {
            continue;
        }

        var values = result.TryGetValue(name, out var list) ? list : result[name] = [];
        for (var i = 0; i < count; i++)
        {
            values.Add(blob.ReadSerializedString() ?? "");
        }
    }

    return result;
}

// Public (and nested public) types, in XML-doc id form (Namespace.Outer.Inner`1).
static IEnumerable<string> PublicTypeNames(MetadataReader reader)
{
    foreach (var handle in reader.TypeDefinitions)
    {
        var type = reader.GetTypeDefinition(handle);
        var name = reader.GetString(type.Name);
        var visible = true;
        var current = type;
        while (true)
        {
            var visibility = current.Attributes & System.Reflection.TypeAttributes.VisibilityMask;
            if (visibility is not (System.Reflection.TypeAttributes.Public or System.Reflection.TypeAttributes.NestedPublic))
            {
                visible = false;
                break;
            }

            if (!current.IsNested)
            {
                break;
            }

            current = reader.GetTypeDefinition(current.GetDeclaringType());
            name = reader.GetString(current.Name) + "." + name;
        }

        if (visible)
        {
            var ns = reader.GetString(current.Namespace);
            yield return ns.Length == 0 ? name : ns + "." + name;
        }
    }
}

// The embedded sources of a portable PDB, decompressed, so the path search sees their text too.
static byte[] PdbEmbeddedSourceText(byte[] pdb)
{
    using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(pdb));
    var reader = provider.GetMetadataReader();
    using var text = new MemoryStream();
    foreach (var handle in reader.CustomDebugInformation)
    {
        var cdi = reader.GetCustomDebugInformation(handle);
        if (reader.GetGuid(cdi.Kind) != EmbeddedSource)
        {
            continue;
        }

        var blob = reader.GetBlobBytes(cdi.Value);
        var format = BitConverter.ToInt32(blob, 0);
        if (format == 0)
        {
            text.Write(blob, 4, blob.Length - 4);
        }
        else
        {
            using var deflate = new DeflateStream(new MemoryStream(blob, 4, blob.Length - 4), CompressionMode.Decompress);
            deflate.CopyTo(text);
        }
    }

    return text.ToArray();
}

internal static partial class Program
{
    private static readonly Guid EmbeddedSource = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");
    private static readonly Guid SourceLink = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    // Attributes whose constructor takes only strings, and how many.
    private static readonly Dictionary<string, int> StringArguments = new(StringComparer.Ordinal)
    {
        ["System.Reflection.AssemblyInformationalVersionAttribute"] = 1,
        ["System.Runtime.Versioning.TargetFrameworkAttribute"] = 1,
        ["System.Reflection.AssemblyMetadataAttribute"] = 2,
    };
}
