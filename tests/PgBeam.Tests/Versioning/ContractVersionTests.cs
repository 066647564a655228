using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Threading.Tasks;
using NUnit.Framework;
using RichardSzalay.MockHttp;
using YamlDotNet.RepresentationModel;

namespace PgBeam.Tests.Versioning;

/// <summary>
/// The SDK states two versions: its own (the package version) and the contract's, read from openapi/pgbeam.yaml at
/// build time by build/PgBeam.Versioning.targets.
/// </summary>
public class ContractVersionTests
{
    [Test]
    public void ContractVersion_is_info_x_contract_version_of_the_repository_contract()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(RepoPaths.Combine("openapi", "pgbeam.yaml")))
        {
            stream.Load(reader);
        }

        var info = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("info")];
        var expected = info.Children.TryGetValue(new YamlScalarNode("x-contract-version"), out var contractVersion)
            ? ((YamlScalarNode)contractVersion).Value
            : ((YamlScalarNode)info.Children[new YamlScalarNode("version")]).Value;

        Assert.That(PgBeamClient.ContractVersion, Is.EqualTo(expected).And.Not.Empty);
    }

    [Test]
    public void The_assembly_records_the_contract_version_for_tools_that_inspect_it()
    {
        var metadata = typeof(PgBeamClient).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "PgBeamContractVersion");

        Assert.That(metadata.Value, Is.EqualTo(PgBeamClient.ContractVersion));
    }

    [Test]
    public void The_sdk_version_is_its_own_semver_not_the_contract_version()
    {
        var sdkVersion = typeof(PgBeamClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!
            .InformationalVersion.Split('+')[0];

        Assert.That(sdkVersion, Does.Match(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$"));
        Assert.That(sdkVersion, Is.Not.EqualTo(PgBeamClient.ContractVersion));
    }

    [Test]
    public async Task The_user_agent_carries_the_sdk_version_then_the_contract_version()
    {
        using var handler = new MockHttpMessageHandler();
        string? userAgent = null;
        handler.When("*").Respond(request =>
        {
            userAgent = string.Join(' ', request.Headers.GetValues("User-Agent"));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"regions\":[]}", System.Text.Encoding.UTF8, "application/json") };
        });
        using var http = handler.ToHttpClient();
        using var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = "pgb_test", BaseUrl = "https://api.pgbeam.test", HttpClient = http });

        await client.Platform.ListRegionsAsync();

        Assert.That(userAgent, Is.EqualTo($"pgbeam-dotnet/{Support.SentRequest.SdkVersion} (contract {PgBeamClient.ContractVersion}; .NET {Environment.Version})"));
    }

#if NET10_0_OR_GREATER // about the build, not the SDK: one run is enough (MSBuild takes seconds to start)
    /// <summary>Runs the build's contract-version reader on contracts written for the case.</summary>
    [Test]
    public void The_build_reads_x_contract_version_then_falls_back_to_info_version_and_ignores_nested_keys()
    {
        var cases = new Dictionary<string, string>
        {
            ["both"] = "openapi: 3.0.0\ninfo:\n  title: T\n  version: 1.0.0\n  x-contract-version: 0.2.4\npaths: {}\n",
            ["fallback"] = "openapi: 3.0.0\ninfo:\n  title: T\n  version: '2.1.0'\npaths: {}\n",
            ["nested"] = "info:\n  description: a folded text\n    version: 9.9.9\n  contact:\n    version: 8.8.8\n  version: \"3.0.1\" # the API\nx-contract-version: 7.7.7\n",
            ["missing"] = "openapi: 3.0.0\ninfo:\n  title: T\npaths: {}\nversion: 1.0.0\n",
        };

        var results = RunReader(cases);

        Assert.Multiple(() =>
        {
            Assert.That(results["both"], Is.EqualTo("0.2.4"));
            Assert.That(results["fallback"], Is.EqualTo("2.1.0"));
            Assert.That(results["nested"], Is.EqualTo("3.0.1"));
            Assert.That(results["missing"], Does.StartWith("error").And.Contain("PGBEAM001"));
        });
    }

    private static Dictionary<string, string> RunReader(Dictionary<string, string> contracts)
    {
        var folder = Directory.CreateTempSubdirectory("pgbeam-version-");
        try
        {
            var calls = string.Join('\n', contracts.Keys.Select(name =>
                $"""
                    <PgBeamReadContractVersion ContractFile="{name}.yaml" ContinueOnError="ErrorAndContinue"><Output TaskParameter="ContractVersion" PropertyName="V_{name}" /></PgBeamReadContractVersion>
                    <Message Importance="high" Text="RESULT {name}=$(V_{name})" />
                """));
            var project = $"""
                <Project>
                  <Import Project="{RepoPaths.Combine("build", "PgBeam.Versioning.targets")}" />
                  <Target Name="Probe">
                {calls}
                  </Target>
                </Project>
                """;
            File.WriteAllText(Path.Combine(folder.FullName, "probe.proj"), project);
            foreach (var (name, yaml) in contracts)
            {
                File.WriteAllText(Path.Combine(folder.FullName, name + ".yaml"), yaml);
            }

            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = folder.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in new[] { "msbuild", "probe.proj", "-t:Probe", "-nologo", "-nodeReuse:false", "-v:m" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var lines = (output + stderr.Result).Split('\n');

            var results = new Dictionary<string, string>();
            foreach (var name in contracts.Keys)
            {
                var error = lines.FirstOrDefault(l => l.Contains($"{name}.yaml", StringComparison.Ordinal) && l.Contains("error PGBEAM", StringComparison.Ordinal));
                var result = lines.Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith($"RESULT {name}=", StringComparison.Ordinal));
                results[name] = error is not null ? "error " + error.Trim() : result?[$"RESULT {name}=".Length..] ?? "(no result)\n" + output;
            }

            return results;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
#endif
}
