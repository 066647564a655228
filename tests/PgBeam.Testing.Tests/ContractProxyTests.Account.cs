using System.Threading.Tasks;

namespace PgBeam.Testing.Tests;

/// <summary>The part of the tour through Prism that calls every operation of <c>AccountEndpoints</c>.</summary>
public partial class ContractProxyTests
{
    private static Task TourAccountAsync(string projectId)
    {
        _ = projectId;
        return Task.CompletedTask;
    }
}
