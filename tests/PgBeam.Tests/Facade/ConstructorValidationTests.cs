using System;
using System.Net.Http;
using NUnit.Framework;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Facade;

/// <summary>Bad configuration fails in the constructor, with a message that says why and never contains the key.</summary>
public class ConstructorValidationTests
{
    private const string SecretKey = "pgb_live_SECRET0123456789";

    private static PgBeamClientOptions Options(Action<PgBeamClientOptions> change)
    {
        var options = new PgBeamClientOptions { ApiKey = SecretKey, BaseUrl = "https://api.pgbeam.test" };
        change(options);
        return options;
    }

    public static TestCaseData[] BadKeys() =>
    [
        new TestCaseData(SecretKey + " ").SetName("A_key_with_a_trailing_space_is_rejected"),
        new TestCaseData(SecretKey + "\n").SetName("A_key_with_a_trailing_newline_is_rejected"),
        new TestCaseData("pgb_live_SECRET\t0123").SetName("A_key_with_a_tab_inside_is_rejected"),
        new TestCaseData("pgb_live_SECRET\u00000123").SetName("A_key_with_a_control_character_is_rejected"),
        new TestCaseData("pgb_live_SECRÉT0123").SetName("A_key_with_a_non_ascii_character_is_rejected"),
    ];

    [TestCaseSource(nameof(BadKeys))]
    public void Bad_key(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => new PgBeamClient(Options(o => o.ApiKey = key)));

        Assert.That(error!.ParamName, Is.EqualTo("options.ApiKey"));
        Assert.That(error.Message, Does.Contain("whitespace, a control character or a non-ASCII character"));
        AssertKeyNotShown(error, key);
    }

    [Test]
    public void A_whitespace_only_key_is_rejected_without_echoing_it()
    {
        var error = Assert.Throws<ArgumentException>(() => new PgBeamClient("   "));

        Assert.That(error!.ParamName, Is.EqualTo("options.ApiKey"));
    }

    [Test]
    public void A_null_key_given_to_the_key_constructor_is_an_argument_null_error()
    {
        Assert.Throws<ArgumentNullException>(() => new PgBeamClient((string)null!));
    }

    [TestCase("api.pgbeam.com", TestName = "A_base_url_without_a_scheme_is_rejected")]
    [TestCase("/v1", TestName = "A_relative_base_url_is_rejected")]
    [TestCase("ftp://api.pgbeam.com", TestName = "A_base_url_that_is_not_http_is_rejected")]
    [TestCase("http://api.pgbeam.com", TestName = "Plain_http_to_a_remote_host_is_rejected_because_the_key_would_travel_in_clear")]
    [TestCase("http://10.0.0.5:8080", TestName = "Plain_http_to_a_private_address_is_still_rejected")]
    [TestCase("https://api.pgbeam.com?x=1", TestName = "A_base_url_with_a_query_is_rejected")]
    public void Bad_base_url(string baseUrl)
    {
        var error = Assert.Throws<ArgumentException>(() => new PgBeamClient(Options(o => o.BaseUrl = baseUrl)));

        Assert.That(error!.ParamName, Is.EqualTo("options.BaseUrl"));
        AssertKeyNotShown(error, SecretKey);
    }

    [TestCase("pgb_secretpasted-into-the-url-field", "pgb_secretpasted")]
    [TestCase("http://admin:hunter2-url-password@api.pgbeam.com", "hunter2-url-password")]
    public void A_rejected_base_url_is_not_repeated_with_what_may_be_a_secret_in_it(string baseUrl, string secret)
    {
        var error = Assert.Throws<ArgumentException>(() => new PgBeamClient(Options(o => o.BaseUrl = baseUrl)));

        Assert.That(error!.Message, Does.Not.Contain(secret));
        Assert.That(error.ToString(), Does.Not.Contain(secret));
    }

    [TestCase("http://127.0.0.1:5000")]
    [TestCase("http://localhost:5000")]
    [TestCase("http://[::1]:5000")]
    public void Plain_http_to_a_loopback_host_is_allowed_for_local_testing(string baseUrl)
    {
        using var client = new PgBeamClient(Options(o => o.BaseUrl = baseUrl));

        Assert.That(client.BaseUrl.Scheme, Is.EqualTo("http"));
    }

    [Test]
    public void Any_key_prefix_is_accepted_because_the_server_decides()
    {
        foreach (var key in new[] { "pgb_project", "pbo_org", "pbu_personal", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig", "no_prefix_at_all" })
        {
            using var client = new PgBeamClient(Options(o => o.ApiKey = key));
            Assert.That(client.Caller.Configuration.ApiKey, Is.EqualTo(key));
        }
    }

    [Test]
    public void Timings_that_cannot_work_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new PgBeamClient(Options(o => o.Timeout = TimeSpan.Zero)));
        Assert.Throws<ArgumentException>(() => new PgBeamClient(Options(o => o.Retry.MaxRetries = -1)));
        Assert.Throws<ArgumentException>(() => new PgBeamClient(Options(o => o.TokenProviderTimeout = TimeSpan.FromSeconds(-1))));
    }

    [Test]
    public void The_key_is_never_in_the_text_of_the_options_or_the_client()
    {
        var options = Options(_ => { });
        using var client = new PgBeamClient(options);

        Assert.That(options.ToString(), Does.Not.Contain(SecretKey).And.Contains("ApiKey = ***"));
        Assert.That(client.ToString(), Does.Not.Contain(SecretKey).And.Contains("https://api.pgbeam.test/"));
    }

    [Test]
    public void Changing_the_options_after_construction_does_not_change_the_client()
    {
        var options = Options(_ => { });
        using var client = new PgBeamClient(options);

        options.BaseUrl = "https://elsewhere.pgbeam.test";
        options.ApiKey = "pgb_other";

        Assert.That(client.BaseUrl.AbsoluteUri, Is.EqualTo("https://api.pgbeam.test/"));
        Assert.That(client.Caller.Configuration.ApiKey, Is.EqualTo(SecretKey));
    }

    [Test]
    public void A_key_rejected_by_the_server_is_not_in_the_error_either()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(System.Net.HttpStatusCode.Unauthorized, "application/json", """{"error":{"code":"unauthorized","message":"invalid API key"}}""");
        using var client = new PgBeamClient(Options(o => o.HttpClient = new HttpClient(mock)));

        var error = Assert.ThrowsAsync<PgBeamUnauthorizedException>(() => client.Platform.GetHealthAsync());

        AssertKeyNotShown(error!, SecretKey);
    }

    private static void AssertKeyNotShown(Exception error, string key)
    {
        var trimmed = key.Trim();
        Assert.That(error.Message, Does.Not.Contain(trimmed));
        Assert.That(error.ToString(), Does.Not.Contain(trimmed));
        Assert.That(error.Message, Does.Not.Contain("SECRET"));
    }
}
