using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Http;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Facade;

/// <summary>
/// Settings left empty come from the environment: the key from PGBEAM_API_KEY, PGBEAM_TOKEN, PGBEAM_API_TOKEN (first
/// non-empty wins), the URL from PGBEAM_API_URL. The environment is injected, so no test changes the process's.
/// </summary>
public class EnvironmentFallbackTests
{
    private static Func<string, string?> Environment(params (string Name, string? Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.TryGetValue(name, out var value) ? value : null;
    }

    [TestCase("PGBEAM_API_KEY")]
    [TestCase("PGBEAM_TOKEN")]
    [TestCase("PGBEAM_API_TOKEN")]
    public void Each_key_variable_is_used_when_the_options_have_no_key(string variable)
    {
        var configuration = ClientConfiguration.Create(new PgBeamClientOptions(), Environment((variable, "pbo_from_env")));

        Assert.That(configuration.ApiKey, Is.EqualTo("pbo_from_env"));
    }

    [Test]
    public void The_first_non_empty_key_variable_wins_in_the_documented_order()
    {
        var bothLaterSet = Environment(("PGBEAM_API_KEY", ""), ("PGBEAM_TOKEN", "pgb_token"), ("PGBEAM_API_TOKEN", "pgb_api_token"));
        var allSet = Environment(("PGBEAM_API_KEY", "pgb_api_key"), ("PGBEAM_TOKEN", "pgb_token"), ("PGBEAM_API_TOKEN", "pgb_api_token"));
        var onlyLast = Environment(("PGBEAM_API_KEY", ""), ("PGBEAM_TOKEN", ""), ("PGBEAM_API_TOKEN", "pgb_api_token"));

        Assert.That(ClientConfiguration.Create(new PgBeamClientOptions(), bothLaterSet).ApiKey, Is.EqualTo("pgb_token"));
        Assert.That(ClientConfiguration.Create(new PgBeamClientOptions(), allSet).ApiKey, Is.EqualTo("pgb_api_key"));
        Assert.That(ClientConfiguration.Create(new PgBeamClientOptions(), onlyLast).ApiKey, Is.EqualTo("pgb_api_token"));
    }

    [Test]
    public void A_key_in_the_options_wins_over_the_environment()
    {
        var configuration = ClientConfiguration.Create(new PgBeamClientOptions { ApiKey = "pgb_from_options" }, Environment(("PGBEAM_API_KEY", "pgb_from_env")));

        Assert.That(configuration.ApiKey, Is.EqualTo("pgb_from_options"));
    }

    [Test]
    public void The_base_url_comes_from_PGBEAM_API_URL_unless_the_options_set_one()
    {
        var environment = Environment(("PGBEAM_API_KEY", "pgb_k"), ("PGBEAM_API_URL", "https://staging.pgbeam.test/api"));

        Assert.That(ClientConfiguration.Create(new PgBeamClientOptions(), environment).BaseUri.AbsoluteUri, Is.EqualTo("https://staging.pgbeam.test/api/"));
        Assert.That(ClientConfiguration.Create(new PgBeamClientOptions { BaseUrl = "https://eu.pgbeam.test" }, environment).BaseUri.AbsoluteUri, Is.EqualTo("https://eu.pgbeam.test/"));
    }

    [Test]
    public void Without_any_url_setting_the_production_api_is_used()
    {
        var configuration = ClientConfiguration.Create(new PgBeamClientOptions(), Environment(("PGBEAM_API_KEY", "pgb_k"), ("PGBEAM_API_URL", "  ")));

        Assert.That(configuration.BaseUri.AbsoluteUri, Is.EqualTo("https://api.pgbeam.com/"));
    }

    [Test]
    public void With_a_token_provider_no_key_is_needed_anywhere()
    {
        var configuration = ClientConfiguration.Create(
            new PgBeamClientOptions { TokenProvider = _ => ValueTask.FromResult("jwt") }, Environment());

        Assert.That(configuration.ApiKey, Is.Null);
    }

    [Test]
    public void No_key_anywhere_fails_and_says_where_a_key_can_come_from()
    {
        var error = Assert.Throws<ArgumentException>(() => ClientConfiguration.Create(new PgBeamClientOptions(), Environment()));

        Assert.That(error!.Message, Does.Contain("PGBEAM_API_KEY"));
        Assert.That(error.ParamName, Is.EqualTo("options.ApiKey"));
    }

    [Test]
    public async Task A_client_configured_from_the_environment_sends_the_environment_key_to_the_environment_url()
    {
        using var mock = new MockHttpMessageHandler();
        var sent = new List<SentRequest>();
        mock.Expect(HttpMethod.Get, "http://127.0.0.1:8080/v1/health").RecordTo(sent)
            .Respond("application/json", """{"status":"ok","version":"0.2.4","image_sha":"abc"}""");
        using var httpClient = new HttpClient(mock);
        var configuration = ClientConfiguration.Create(
            new PgBeamClientOptions(),
            Environment(("PGBEAM_API_KEY", ""), ("PGBEAM_TOKEN", "pbu_personal_key"), ("PGBEAM_API_URL", "http://127.0.0.1:8080")));
        using var client = new PgBeamClient(configuration, httpClient);

        await client.Platform.GetHealthAsync();

        mock.VerifyNoOutstandingExpectation();
        sent.Single().AssertSdkHeaders(apiKey: "pbu_personal_key");
    }

    [Test]
    [NonParallelizable]
    public void The_parameterless_constructor_reads_the_process_environment()
    {
        // The one test that touches the real environment: it proves new PgBeamClient() is wired to it.
        string[] names = ["PGBEAM_API_KEY", "PGBEAM_TOKEN", "PGBEAM_API_TOKEN", "PGBEAM_API_URL"];
        var saved = names.ToDictionary(name => name, System.Environment.GetEnvironmentVariable);
        try
        {
            System.Environment.SetEnvironmentVariable("PGBEAM_API_KEY", null);
            System.Environment.SetEnvironmentVariable("PGBEAM_TOKEN", null);
            System.Environment.SetEnvironmentVariable("PGBEAM_API_TOKEN", "pgb_process_env_key");
            System.Environment.SetEnvironmentVariable("PGBEAM_API_URL", "http://localhost:1");
            using var client = new PgBeamClient();

            Assert.That(client.BaseUrl.AbsoluteUri, Is.EqualTo("http://localhost:1/"));
            Assert.That(client.Caller.Configuration.ApiKey, Is.EqualTo("pgb_process_env_key"));
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                System.Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
