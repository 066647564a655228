using System.Net;
using PgBeam.Testing.Routing;

namespace PgBeam.Testing.Endpoints;

/// <summary>Health (open, no key needed) and a fixed list of regions.</summary>
internal static class PlatformApi
{
    /// <summary>What the sandbox reports as its version, so a health check can tell it from the real API.</summary>
    public const string Version = "sandbox";

    public static SandboxResult Health(SandboxCall call) =>
        SandboxResult.Json(HttpStatusCode.OK, new HealthResponse
        {
            Status = HealthStatus.Ok,
            Version = Version,
            ImageSha = "pgbeam-testing",
            Timestamp = call.Now,
        });

    public static SandboxResult Regions(SandboxCall call) =>
        SandboxResult.Json(HttpStatusCode.OK, new ListRegionsResponse
        {
            Regions =
            [
                Region("us-east-1", "US East (N. Virginia)", "North America", "US"),
                Region("us-west-2", "US West (Oregon)", "North America", "US"),
                Region("eu-west-1", "Europe (Ireland)", "Europe", "IE"),
                Region("eu-central-1", "Europe (Frankfurt)", "Europe", "DE"),
                Region("ap-southeast-1", "Asia Pacific (Singapore)", "Asia", "SG"),
                new Region
                {
                    Id = "ap-northeast-1",
                    Name = "Asia Pacific (Tokyo)",
                    Provider = CloudProvider.Aws,
                    Status = RegionStatus.Draining,
                    Available = false,
                    Continent = "Asia",
                    Country = "JP",
                },
            ],
        });

    private static Region Region(string id, string name, string continent, string country) => new()
    {
        Id = id,
        Name = name,
        Provider = CloudProvider.Aws,
        Status = RegionStatus.Active,
        Available = true,
        Continent = continent,
        Country = country,
    };
}
