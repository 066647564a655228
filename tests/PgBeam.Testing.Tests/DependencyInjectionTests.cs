using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;

namespace PgBeam.Testing.Tests;

/// <summary>The sandbox plugged in the way the README says for apps that build their client with AddPgBeam.</summary>
public class DependencyInjectionTests
{
    [Test]
    public async Task The_sandbox_serves_a_client_registered_with_AddPgBeam_as_the_primary_handler()
    {
        var sandbox = new PgBeamSandbox();
        var project = sandbox.SeedProject();
        var services = new ServiceCollection();
        services.AddPgBeam(options =>
            {
                options.ApiKey = "pgb_anything";
                options.BaseUrl = PgBeamSandbox.BaseUrl;
            })
            .ConfigurePrimaryHttpMessageHandler(() => sandbox);
        await using var provider = services.BuildServiceProvider();

        var policies = provider.GetRequiredService<IPoliciesClient>();
        var created = await policies.CreatePolicyProfileAsync(project.Id, new PolicyProfileInput { Name = "from-di", MaxRows = 10 });
        var listed = await provider.GetRequiredService<PgBeamClient>().Policies.ListPolicyProfilesAsync(project.Id);

        Assert.That(created.Name, Is.EqualTo("from-di"));
        Assert.That(listed.Policies, Has.Some.Matches<PolicyProfile>(p => p.Id == created.Id));
        Assert.That(sandbox.Requests, Has.Some.Matches<SandboxRequest>(r => r.Method == "POST" && r.Path.EndsWith("/policies", System.StringComparison.Ordinal)));
    }
}
