using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>
/// Requests to the infrastructure operations that break the contract's schemas (patterns, ranges), which a
/// contract-checking proxy would reject before they reach the sandbox, so these run in process only.
/// </summary>
[TestFixture(SandboxTransport.InProcess)]
public class InfrastructureValidationTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [TestCase("db..example.com")]
    [TestCase("-db.example.com")]
    [TestCase("db.example.com.")]
    [TestCase("db_1.example.com")]
    [TestCase("https://db.example.com")]
    public async Task A_domain_that_is_not_a_host_name_is_400_on_the_domain_field(string domain)
    {
        var project = await CreateProjectAsync();

        var error = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Projects.CreateCustomDomainAsync(project.Id, new CreateCustomDomainRequest { Domain = domain }));

        Assert.That(error!.Errors.Select(e => e.Field), Is.EqualTo(new[] { "domain" }));
        Assert.That((await Client.Projects.ListCustomDomainsAsync(project.Id)).Domains, Is.Empty);
    }
}
