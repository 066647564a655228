using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.DependencyInjection;

/// <summary>
/// services.AddPgBeam(…): a singleton client and every service interface, options from code or configuration
/// validated at start, keyed clients for several accounts, and the IHttpClientFactory client behind the SDK's pipeline.
/// </summary>
public class AddPgBeamTests
{
    private const string HealthJson = """{"status":"ok","version":"0.2.4","image_sha":"abc"}""";

    private static IEnumerable<PropertyInfo> ServiceProperties() =>
        typeof(PgBeamClient).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType.IsInterface);

    private static MockHttpMessageHandler HealthyApi(List<SentRequest> sent)
    {
        var mock = new MockHttpMessageHandler();
        mock.When("*").RecordTo(sent).Respond("application/json", HealthJson);
        return mock;
    }

    [Test]
    public void The_client_is_a_singleton_and_every_service_interface_resolves_to_its_service()
    {
        var services = new ServiceCollection();
        services.AddPgBeam(options => options.ApiKey = TestClients.ApiKey);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        var client = provider.GetRequiredService<PgBeamClient>();

        Assert.That(provider.GetRequiredService<PgBeamClient>(), Is.SameAs(client));
        using var scope = provider.CreateScope();
        Assert.That(scope.ServiceProvider.GetRequiredService<PgBeamClient>(), Is.SameAs(client));
        Assert.That(ServiceProperties().Count(), Is.EqualTo(TestContract.Document.ServiceTags.Count), "one service per tag of the contract");
        foreach (var property in ServiceProperties())
        {
            Assert.That(provider.GetRequiredService(property.PropertyType), Is.SameAs(property.GetValue(client)), property.PropertyType.Name);
        }
    }

    [Test]
    public async Task Options_are_bound_from_a_configuration_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PgBeam:ApiKey"] = "pbo_from_configuration",
            ["PgBeam:BaseUrl"] = "https://eu.pgbeam.test",
            ["PgBeam:Timeout"] = "00:00:12",
            ["PgBeam:Retry:MaxRetries"] = "2",
            ["PgBeam:Retry:BaseDelay"] = "00:00:00.250",
            ["PgBeam:AutomaticIdempotencyKeys"] = "false",
            ["PgBeam:ApplicationName"] = "billing-worker/3.1",
        }).Build();
        var sent = new List<SentRequest>();
        using var api = HealthyApi(sent);
        var services = new ServiceCollection();
        services.AddPgBeam(configuration.GetSection("PgBeam")).ConfigurePrimaryHttpMessageHandler(() => api);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<PgBeamClientOptions>>().Get(Options.DefaultName);
        await provider.GetRequiredService<IPlatformClient>().GetHealthAsync();

        Assert.That(options.Timeout, Is.EqualTo(TimeSpan.FromSeconds(12)));
        Assert.That(options.Retry.MaxRetries, Is.EqualTo(2));
        Assert.That(options.Retry.BaseDelay, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
        Assert.That(options.AutomaticIdempotencyKeys, Is.False);
        var request = sent.Single();
        Assert.That(request.Url, Is.EqualTo("https://eu.pgbeam.test/v1/health"));
        Assert.That(request.Header("Authorization"), Is.EqualTo("Bearer pbo_from_configuration"));
        Assert.That(request.Header("User-Agent"), Does.StartWith("pgbeam-dotnet/").And.EndWith(" billing-worker/3.1"));
    }

    [Test]
    public void A_section_without_a_base_url_leaves_it_to_the_environment_fallback()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PgBeam:ApiKey"] = "pgb_k" }).Build();
        var services = new ServiceCollection();
        services.AddPgBeam(configuration.GetSection("PgBeam"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<PgBeamClientOptions>>().Get(Options.DefaultName);

        // Binding must not "set" BaseUrl to its default, or PGBEAM_API_URL would never be consulted.
        Assert.That(options.BaseUrlWasSet, Is.False);
    }

    [Test]
    public void A_base_url_set_in_code_survives_binding_a_section_that_has_none()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["PgBeam:ApiKey"] = "pgb_k" }).Build();
        var services = new ServiceCollection();
        services.Configure<PgBeamClientOptions>(options => options.BaseUrl = "https://code.pgbeam.test");
        services.AddPgBeam(configuration.GetSection("PgBeam"));
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<PgBeamClient>();

        Assert.That(client.BaseUrl.AbsoluteUri, Is.EqualTo("https://code.pgbeam.test/"));
    }

    [TestCase("http://api.pgbeam.example", "http://", TestName = "Startup_fails_on_plain_http_to_a_remote_host")]
    [TestCase("not a url", "not an absolute", TestName = "Startup_fails_on_a_base_url_that_is_not_absolute")]
    public void Startup_fails_on_invalid_options(string baseUrl, string expected)
    {
        var services = new ServiceCollection();
        services.AddPgBeam(options =>
        {
            options.ApiKey = "pgb_live_SECRET_key";
            options.BaseUrl = baseUrl;
        });
        using var provider = services.BuildServiceProvider();

        // IStartupValidator is what the generic host runs at start for ValidateOnStart.
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error!.Message, Does.Contain("The PgBeam client is misconfigured").And.Contain(expected));
        Assert.That(error.ToString(), Does.Not.Contain("pgb_live_SECRET_key"));
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<PgBeamClient>());
    }

    [Test]
    public void Startup_fails_on_a_key_with_a_stray_newline_without_printing_it()
    {
        var services = new ServiceCollection();
        services.AddPgBeam("org-a", options => options.ApiKey = "pbo_SECRET_value\n");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error!.Message, Does.Contain("The PgBeam client 'org-a' is misconfigured"));
        Assert.That(error.ToString(), Does.Not.Contain("pbo_SECRET_value"));
    }

    [Test]
    public void Startup_fails_on_an_application_name_that_cannot_travel_in_a_header()
    {
        var services = new ServiceCollection();
        services.AddPgBeam(options =>
        {
            options.ApiKey = TestClients.ApiKey;
            options.ApplicationName = "billing\r\nX-Injected: 1";
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error!.Message, Does.Contain("ApplicationName"));
    }

    [Test]
    public void Valid_options_pass_startup_validation()
    {
        var services = new ServiceCollection();
        services.AddPgBeam(options => options.ApiKey = TestClients.ApiKey);
        services.AddPgBeam("org-a", options => options.ApiKey = "pbo_a");
        using var provider = services.BuildServiceProvider();

        Assert.DoesNotThrow(() => provider.GetRequiredService<IStartupValidator>().Validate());
    }

    [Test]
    public async Task Two_keyed_clients_send_with_their_own_keys()
    {
        var sentA = new List<SentRequest>();
        var sentB = new List<SentRequest>();
        using var apiA = HealthyApi(sentA);
        using var apiB = HealthyApi(sentB);
        var services = new ServiceCollection();
        services.AddPgBeam("org-a", options => options.ApiKey = "pbo_org_a").ConfigurePrimaryHttpMessageHandler(() => apiA);
        services.AddPgBeam("org-b", options => options.ApiKey = "pbo_org_b").ConfigurePrimaryHttpMessageHandler(() => apiB);
        using var provider = services.BuildServiceProvider();

        var clientA = provider.GetRequiredKeyedService<PgBeamClient>("org-a");
        var clientB = provider.GetRequiredKeyedService<PgBeamClient>("org-b");
        await clientA.Platform.GetHealthAsync();
        await provider.GetRequiredKeyedService<IPlatformClient>("org-b").GetHealthAsync();

        Assert.That(clientA, Is.Not.SameAs(clientB));
        Assert.That(provider.GetRequiredKeyedService<PgBeamClient>("org-a"), Is.SameAs(clientA));
        Assert.That(provider.GetRequiredKeyedService<IAgentsClient>("org-a"), Is.SameAs(clientA.Agents));
        Assert.That(provider.GetRequiredKeyedService<IAgentsClient>("org-b"), Is.SameAs(clientB.Agents));
        Assert.That(provider.GetService<PgBeamClient>(), Is.Null, "keyed registrations add no unkeyed client");
        Assert.That(sentA.Single().Header("Authorization"), Is.EqualTo("Bearer pbo_org_a"));
        Assert.That(sentB.Single().Header("Authorization"), Is.EqualTo("Bearer pbo_org_b"));
    }

    [Test]
    public void A_keyed_client_is_injected_with_FromKeyedServices()
    {
        var services = new ServiceCollection();
        services.AddPgBeam("org-a", options => options.ApiKey = "pbo_org_a");
        services.AddPgBeam("org-b", options => options.ApiKey = "pbo_org_b");
        services.AddSingleton<OrgAReport>();
        using var provider = services.BuildServiceProvider();

        var report = provider.GetRequiredService<OrgAReport>();

        Assert.That(report.Client, Is.SameAs(provider.GetRequiredKeyedService<PgBeamClient>("org-a")));
        Assert.That(report.Agents, Is.SameAs(report.Client.Agents));
    }

    [Test]
    public async Task A_handler_added_through_the_returned_builder_sees_every_attempt_the_sdk_sends()
    {
        using var api = new MockHttpMessageHandler();
        api.Expect("*").Respond(HttpStatusCode.ServiceUnavailable);
        api.Expect("*").Respond(HttpStatusCode.Created, "application/json", ContractSamples.Complete("createCustomDomain", """{"id":"dom_1","project_id":"prj_1","domain":"db.example.com"}"""));
        var seen = new ConcurrentQueue<SentRequest>();
        var services = new ServiceCollection();
        services.AddPgBeam(options =>
            {
                options.ApiKey = TestClients.ApiKey;
                options.Retry = new RetryOptions { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero };
            })
            .AddHttpMessageHandler(() => new RecordingHandler(seen))
            .ConfigurePrimaryHttpMessageHandler(() => api);
        using var provider = services.BuildServiceProvider();

        var domain = await provider.GetRequiredService<PgBeamClient>().Projects.CreateCustomDomainAsync("prj_1", new CreateCustomDomainRequest { Domain = "db.example.com" });

        var attempts = seen.ToArray();
        Assert.That(attempts, Has.Length.EqualTo(2), "the retry loop sits in front of the factory's handlers, so each attempt passes through them");
        attempts[0].AssertSdkHeaders();
        Assert.That(attempts[0].Url, Is.EqualTo("https://api.pgbeam.com/v1/projects/prj_1/domains"));
        Assert.That(attempts[1].Header("Idempotency-Key"), Is.EqualTo(attempts[0].Header("Idempotency-Key")).And.Not.Null);
        Assert.That(domain.Id, Is.EqualTo("dom_1"));
    }

    [Test]
    public void The_logger_factory_and_time_provider_come_from_the_container_when_the_options_set_none()
    {
        using var loggerFactory = LoggerFactory.Create(_ => { });
        var time = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton(loggerFactory);
        services.AddSingleton<TimeProvider>(time);
        services.AddPgBeam(options => options.ApiKey = TestClients.ApiKey);
        using var ownLoggerFactory = LoggerFactory.Create(_ => { });
        services.AddPgBeam("own", options =>
        {
            options.ApiKey = TestClients.ApiKey;
            options.LoggerFactory = ownLoggerFactory;
        });
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<PgBeamClient>().Caller.Configuration.Options;
        var ownOptions = provider.GetRequiredKeyedService<PgBeamClient>("own").Caller.Configuration.Options;

        Assert.That(options.LoggerFactory, Is.SameAs(loggerFactory));
        Assert.That(options.TimeProvider, Is.SameAs(time));
        Assert.That(ownOptions.LoggerFactory, Is.SameAs(ownLoggerFactory));
    }

    [Test]
    public async Task The_http_client_factory_logs_never_contain_the_key()
    {
        var lines = new ConcurrentQueue<string>();
        var sent = new List<SentRequest>();
        using var api = HealthyApi(sent);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new CapturingLoggerProvider(lines)));
        services.AddPgBeam(options => options.ApiKey = "pgb_live_SECRET_in_header").ConfigurePrimaryHttpMessageHandler(() => api);
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<PgBeamClient>().Platform.GetHealthAsync();

        Assert.That(sent.Single().Header("Authorization"), Is.EqualTo("Bearer pgb_live_SECRET_in_header"));
        Assert.That(lines, Is.Not.Empty, "the factory's Trace logging ran");
        Assert.That(lines, Has.Some.Contains("Authorization: *"));
        Assert.That(lines, Has.None.Contains("SECRET"));
    }

    [Test]
    public void Every_call_asks_the_factory_for_a_client_so_pooled_handlers_can_rotate()
    {
        var created = new List<string>();
        var services = new ServiceCollection();
        services.AddPgBeam(options => options.ApiKey = TestClients.ApiKey);
        services.AddSingleton<IHttpClientFactory>(new CountingFactory(created));
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<PgBeamClient>();

        Assert.ThrowsAsync<PgBeamNetworkException>(() => client.Platform.GetHealthAsync(new RequestOptions { MaxRetries = 0 }));
        Assert.ThrowsAsync<PgBeamNetworkException>(() => client.Platform.GetHealthAsync(new RequestOptions { MaxRetries = 0 }));

        Assert.That(created, Is.EqualTo(new[] { "PgBeam", "PgBeam" }));
    }

    [Test]
    public void Registration_arguments_are_checked()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddPgBeam(" ", options => { }));
        Assert.Throws<ArgumentNullException>(() => services.AddPgBeam((Action<PgBeamClientOptions>)null!));
        Assert.Throws<ArgumentNullException>(() => services.AddPgBeam((IConfiguration)null!));
        Assert.That(PgBeamServiceCollectionExtensions.GetHttpClientName("org-a"), Is.EqualTo("PgBeam:org-a"));
    }

    private sealed class OrgAReport([FromKeyedServices("org-a")] PgBeamClient client, [FromKeyedServices("org-a")] IAgentsClient agents)
    {
        public PgBeamClient Client { get; } = client;

        public IAgentsClient Agents { get; } = agents;
    }

    private sealed class RecordingHandler(ConcurrentQueue<SentRequest> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Enqueue(SentRequest.Capture(request));
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class CountingFactory(List<string> created) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name)
        {
            created.Add(name);
            return new HttpClient(new FailingHandler());
        }

        private sealed class FailingHandler : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                throw new HttpRequestException("no network in this test");
        }
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(lines);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}
