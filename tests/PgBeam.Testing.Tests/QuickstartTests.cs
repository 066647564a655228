using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;
using Quickstart;

namespace PgBeam.Testing.Tests;

public class QuickstartTests
{
    [Test]
    public async Task The_quickstart_prints_the_secrets_the_sandbox_issued()
    {
        var sandbox = new PgBeamSandbox();
        using var client = sandbox.CreateClient();
        var project = sandbox.SeedProject();
        using var output = new StringWriter();

        await AgentCredentialQuickstart.RunAsync(client, project.Id, output);

        var issued = sandbox.IssuedSecrets.Single();
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Is.EqualTo(new[]
        {
            $"Connection string: {issued.ConnectionString}",
            $"MCP URL:           {issued.McpUrl}",
            $"MCP token:         {issued.McpToken}",
        }));
        Assert.That(sandbox.IsConnectionStringValid(issued.ConnectionString), Is.True);
        Assert.That(sandbox.IsMcpTokenValid(issued.McpToken), Is.True);
        Assert.That(issued.Credential.Name, Is.EqualTo("claude-analytics"));
        Assert.That(issued.Credential.PrincipalType, Is.EqualTo(AgentCredentialPrincipalType.Agent));
        var profile = await client.Policies.GetPolicyProfileAsync(project.Id, issued.Credential.PolicyProfileId);
        Assert.That(profile.Name, Is.EqualTo("analytics-readonly"));
        Assert.That(profile.AccessMode, Is.EqualTo(PolicyProfileAccessMode.ReadOnly));
        Assert.That(profile.MaxRows, Is.EqualTo(1000));
    }

    [Test]
    public async Task Without_a_key_the_program_says_it_uses_the_sandbox_first_and_prints_the_three_values()
    {
        var (exitCode, stdout, stderr) = await RunQuickstartAsync(apiKey: null, projectId: null);

        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.That(exitCode, Is.Zero, stderr);
        Assert.That(lines[0], Does.Contain("sandbox").And.Contain("PGBEAM_API_KEY is not set"));
        Assert.That(lines[1], Does.Match("^Connection string: postgresql://agent_[0-9a-f]{12}:[A-Za-z0-9]{32}@.+\\.invalid:5432/app\\?sslmode=require$"));
        Assert.That(lines[2], Does.Match("^MCP URL: +https://.+\\.invalid/mcp$"));
        Assert.That(lines[3], Does.Match("^MCP token: +pba_[A-Za-z0-9]{32}$"));
        Assert.That(lines, Has.Length.EqualTo(4));
    }

    [Test]
    public async Task With_a_key_but_no_project_id_the_program_explains_what_to_set()
    {
        var (exitCode, stdout, stderr) = await RunQuickstartAsync(apiKey: "pgb_not_used", projectId: null);

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(stdout, Is.Empty);
        Assert.That(stderr, Does.Contain("PGBEAM_PROJECT_ID is not set"));
    }

    /// <summary>Runs the built quickstart (copied next to the tests) with a controlled environment; it never reaches the network here.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunQuickstartAsync(string? apiKey, string? projectId)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Quickstart.dll"));
        foreach (var name in new[] { "PGBEAM_API_KEY", "PGBEAM_TOKEN", "PGBEAM_API_TOKEN", "PGBEAM_PROJECT_ID", "PGBEAM_API_URL" })
        {
            start.Environment.Remove(name);
        }

        if (apiKey is not null)
        {
            start.Environment["PGBEAM_API_KEY"] = apiKey;
        }

        if (projectId is not null)
        {
            start.Environment["PGBEAM_PROJECT_ID"] = projectId;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout, await stderr);
    }
}
