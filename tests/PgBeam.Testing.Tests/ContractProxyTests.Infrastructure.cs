using System.Threading.Tasks;

namespace PgBeam.Testing.Tests;

/// <summary>The part of the tour through Prism that calls every operation of <c>InfrastructureEndpoints</c>.</summary>
public partial class ContractProxyTests
{
    private async Task TourInfrastructureAsync(string projectId)
    {
        var domain = await Client.Projects.CreateCustomDomainAsync(projectId, new CreateCustomDomainRequest { Domain = "db.tour.example.com" });
        await Client.Projects.ListCustomDomainsAsync(projectId);
        Sandbox.PublishDnsTxtRecord(domain.DnsInstructions!.TxtHost!, domain.DnsInstructions.TxtValue!);
        await Client.Projects.VerifyCustomDomainAsync(projectId, domain.Id);
        await Client.Projects.DeleteCustomDomainAsync(projectId, domain.Id);
    }
}
