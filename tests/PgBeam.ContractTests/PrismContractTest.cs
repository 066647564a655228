using System;
using System.Net.Http;
using NUnit.Framework;
using PgBeam.ContractTests.Recording;

namespace PgBeam.ContractTests;

/// <summary>
/// Base of every test that talks to Prism: each test gets a fresh <see cref="PgBeamClient"/> whose HttpClient records
/// every exchange in <see cref="Log"/>, and fails at teardown, with Prism's reasons, if Prism flagged any request the
/// test did not provoke on purpose, even one whose error the code under test swallowed.
/// </summary>
public abstract class PrismContractTest
{
    /// <summary>Any bearer token passes Prism's security check; a missing one gets 401.</summary>
    internal const string Token = "pgb_contract_test_token";

    private HttpClient? _http;

    internal ExchangeLog Log { get; private set; } = new();

    protected PgBeamClient Client { get; private set; } = null!;

    /// <summary>An HttpClient that records into <see cref="Log"/>; for raw requests that bypass the SDK.</summary>
    protected HttpClient Http => _http!;

    [SetUp]
    public void CreateRecordingClient()
    {
        Log = new ExchangeLog();
        _http = new HttpClient(new ExchangeRecorder(PrismSuite.Contract, PrismSuite.Sockets, Log, PrismSuite.AllExchanges), disposeHandler: false)
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        Client = new PgBeamClient(new PgBeamClientOptions
        {
            ApiKey = Token,
            BaseUrl = PrismSuite.Server.BaseUrl,
            HttpClient = _http,
            Timeout = TimeSpan.FromSeconds(10),
            Retry = new RetryOptions { MaxRetries = 0 },
        });
    }

    [TearDown]
    public void FailOnUnexpectedViolations()
    {
        Client.Dispose();
        _http?.Dispose();
        var unexpected = Log.UnexpectedViolations();
        if (unexpected.Count > 0)
        {
            Assert.Fail(ExchangeLog.Describe(unexpected));
        }
    }
}
