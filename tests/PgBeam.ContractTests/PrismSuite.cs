using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.ContractTests.Contract;
using PgBeam.ContractTests.Prism;
using PgBeam.ContractTests.Recording;

namespace PgBeam.ContractTests;

/// <summary>
/// Starts one Prism for the whole suite (every fixture of this assembly lives in this namespace or below) and stops
/// it at the end. Every request of every test is also recorded in <see cref="AllExchanges"/>, for the timings.
/// </summary>
[SetUpFixture]
public sealed class PrismSuite
{
    private static PrismServer? s_server;
    private static ContractDocument? s_contract;

    /// <summary>Where the contract Prism serves lives.</summary>
    internal static string ContractPath { get; } = RepoPaths.Combine("openapi", "pgbeam.yaml");

    internal static PrismServer Server => s_server ?? throw new InvalidOperationException("Prism is not running: the suite's OneTimeSetUp did not complete.");

    internal static ContractDocument Contract => s_contract ??= ContractDocument.Load(ContractPath);

    internal static ExchangeLog AllExchanges { get; } = new();

    /// <summary>The connection pool every test's client sends through (one pool, like one application would have).</summary>
    internal static SocketsHttpHandler Sockets { get; } = new() { ConnectTimeout = TimeSpan.FromSeconds(5) };

    [OneTimeSetUp]
    public async Task StartPrismAsync()
    {
        _ = Contract; // a contract the tests cannot read fails here, before Prism is started
        s_server = await PrismServer.StartAsync(ContractPath, TimeSpan.FromSeconds(60));
        TestContext.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Prism answered on {s_server.BaseUrl} after {s_server.StartupTime.TotalMilliseconds:0} ms."));
    }

    [OneTimeTearDown]
    public async Task StopPrismAsync()
    {
        var exchanges = AllExchanges.Exchanges;
        if (exchanges.Count > 0)
        {
            var ms = exchanges.Select(e => e.Elapsed.TotalMilliseconds).Order().ToList();
            TestContext.Progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Prism answered {ms.Count} requests: median {ms[ms.Count / 2]:0.0} ms, p95 {ms[(int)(ms.Count * 0.95)]:0.0} ms, max {ms[^1]:0.0} ms, total {ms.Sum():0} ms."));
        }

        if (s_server is not null)
        {
            await s_server.DisposeAsync();
            s_server = null;
        }

        Sockets.Dispose();
    }
}
