using System.Threading.Tasks;

namespace PgBeam.Testing.Tests;

/// <summary>The part of the tour through Prism that calls every operation of <c>GatewayEndpoints</c>.</summary>
public partial class ContractProxyTests
{
    private static Task TourGatewayAsync(string projectId)
    {
        _ = projectId;
        return Task.CompletedTask;
    }
}
