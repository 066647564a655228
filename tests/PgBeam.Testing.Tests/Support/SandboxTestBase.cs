using System;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace PgBeam.Testing.Tests.Support;

/// <summary>
/// A fresh sandbox and client per test, reached in process or through Prism (<see cref="SandboxTransport"/>).
/// Fixtures that derive from this run every test both ways: the behaviour is asserted in process, and through Prism
/// every request and answer of the same test is also checked against the contract; any violation fails the test.
/// </summary>
public abstract class SandboxTestBase
{
    /// <summary>The sandbox clock starts here in every test.</summary>
    protected static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private ContractViolationRecorder? _recorder;

    protected SandboxTestBase(SandboxTransport transport)
    {
        Transport = transport;
    }

    protected SandboxTransport Transport { get; }

    protected PgBeamSandbox Sandbox { get; private set; } = null!;

    protected PgBeamClient Client { get; private set; } = null!;

    /// <summary>The sandbox clock; advance it to test expiry.</summary>
    protected FakeTimeProvider Clock { get; private set; } = null!;

    [SetUp]
    public void StartSandbox()
    {
        Clock = new FakeTimeProvider(Start);
        Sandbox = NewSandbox(new PgBeamSandboxOptions { TimeProvider = Clock });
        Client = CreateClient();
    }

    [TearDown]
    public void CheckContract()
    {
        Client.Dispose();
        Sandbox.Dispose();
        if (_recorder is not null)
        {
            var violations = _recorder.Violations;
            _recorder.Dispose();
            _recorder = null;
            Assert.That(violations, Is.Empty, "Prism reported contract violations:\n" + string.Join("\n", violations));
        }
    }

    /// <summary>
    /// The contract's table with only <see cref="Routing.SandboxRouteTable.FoundationEndpoints"/> modelled: every other
    /// public operation is derived, so fixtures of the derivation test it on the whole contract.
    /// </summary>
    private protected static readonly Routing.SandboxRouteTable FoundationOnly = new(Contract.SandboxContract.Default, Routing.SandboxRouteTable.FoundationEndpoints);

    /// <summary>The sandbox of each test: the one users get, unless a fixture tests another routing.</summary>
    protected virtual PgBeamSandbox NewSandbox(PgBeamSandboxOptions options) => new(options);

    /// <summary>A client over this test's sandbox, by the fixture's transport.</summary>
    protected PgBeamClient CreateClient(Action<PgBeamClientOptions>? configure = null)
    {
        if (Transport == SandboxTransport.InProcess)
        {
            return Sandbox.CreateClient(configure);
        }

        var proxy = ContractProxy.Instance;
        proxy.Serve(Sandbox);
        _recorder ??= new ContractViolationRecorder();
        var options = new PgBeamClientOptions
        {
            ApiKey = PgBeamSandbox.ApiKey,
            BaseUrl = proxy.Prism.BaseUri.ToString(),
            HttpClient = new HttpClient(_recorder, disposeHandler: false),
            Timeout = TimeSpan.FromSeconds(20),
        };
        configure?.Invoke(options);
        return new PgBeamClient(options);
    }

    /// <summary>
    /// A plain <see cref="HttpClient"/> with a bearer key, reaching this test's sandbox the fixture's way (through
    /// Prism, recorded, or in process), for requests the SDK has no surface for yet.
    /// </summary>
    protected HttpClient CreateRawHttpClient()
    {
        HttpClient http;
        if (Transport == SandboxTransport.InProcess)
        {
            http = Sandbox.CreateHttpClient();
            http.BaseAddress = new Uri(PgBeamSandbox.BaseUrl);
        }
        else
        {
            var proxy = ContractProxy.Instance;
            proxy.Serve(Sandbox);
            _recorder ??= new ContractViolationRecorder();
            http = new HttpClient(_recorder, disposeHandler: false) { BaseAddress = proxy.Prism.BaseUri, Timeout = TimeSpan.FromSeconds(20) };
        }

        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", PgBeamSandbox.ApiKey);
        return http;
    }

    /// <summary>Forgets the violations a test provoked on purpose.</summary>
    protected void ForgetViolations() => _recorder?.Forget();

    /// <summary>The violations recorded so far (always none in process).</summary>
    protected System.Collections.Generic.IReadOnlyList<string> Violations => _recorder?.Violations ?? [];

    /// <summary>A project made through the API, as a user's test would.</summary>
    protected async Task<Project> CreateProjectAsync(string name = "shop")
    {
        var created = await Client.Projects.CreateProjectAsync(new CreateProjectRequest
        {
            Name = name,
            OrgId = Sandbox.OrganizationId,
            Database = new CreateDatabaseRequest { Host = "db.internal", Port = 5432, Name = "shop", Username = "shop_owner", Password = "s3cret-db-password" },
        });
        return created.Project;
    }

    protected async Task<PolicyProfile> CreatePolicyAsync(string projectId, string name = "read-only")
    {
        return await Client.Policies.CreatePolicyProfileAsync(projectId, new PolicyProfileInput { Name = name });
    }

    protected async Task<AgentCredentialSecrets> CreateCredentialAsync(string projectId, string policyId, string name = "analyst")
    {
        return await Client.Agents.CreateAgentCredentialAsync(projectId, new CreateAgentCredentialRequest { Name = name, PolicyProfileId = policyId });
    }
}
