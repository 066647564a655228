using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class PlatformTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public async Task Health_reports_ok_and_says_it_is_the_sandbox()
    {
        var health = await Client.Platform.GetHealthAsync();

        Assert.That(health.Status, Is.EqualTo(HealthStatus.Ok));
        Assert.That(health.Version, Is.EqualTo("sandbox"));
        Assert.That(health.Timestamp, Is.EqualTo(Start));
    }

    [Test]
    public async Task Regions_lists_active_and_draining_regions()
    {
        var regions = (await Client.Platform.ListRegionsAsync()).Regions;

        Assert.That(regions.Select(r => r.Id), Does.Contain("us-east-1").And.Contain("eu-west-1"));
        Assert.That(regions.Where(r => r.Status == RegionStatus.Draining).All(r => r.Available == false), Is.True);
        Assert.That(regions.All(r => r.Provider == CloudProvider.Aws && !string.IsNullOrEmpty(r.Name)), Is.True);
    }
}
