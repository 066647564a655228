using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Transport;

/// <summary>
/// Plants the key, a connection string, an MCP token, a database password, a webhook secret and an enrollment token
/// in requests and responses, and looks for them in every exception (message, ToString with inner exceptions),
/// every DTO's ToString and every log line.
/// </summary>
public class RedactionTests
{
    private const string ApiKey = "pgb_live_R3dact10nK3y_0123456789";
    private const string ConnectionPassword = "C0nnStr1ngPw";
    private const string ConnectionString = "postgresql://agent_a1b2:" + ConnectionPassword + "@abc.proxy.pgbeam.app:5432/mydb";
    private const string McpToken = "pba_Mcp70ken_a1b2c3d4e5f6";
    private const string DbPassword = "Db-Pa55word-9f8e7d";
    private const string WebhookSecret = "Wh-S3cret-signing-key-42";
    private const string EnrollmentToken = "pbh_Enr0llment70ken_q9zk3m7";
    private const string ProvidedToken = "opaque-provider-token-7731";

    private static readonly string[] Secrets = [ApiKey, ConnectionPassword, ConnectionString, McpToken, DbPassword, WebhookSecret, EnrollmentToken, ProvidedToken];

    private ILoggerFactory _loggerFactory = null!;
    private RecordingLoggerProvider _logs = null!;

    [SetUp]
    public void StartRecordingLogs() => (_loggerFactory, _logs) = RecordingLoggerProvider.CreateFactory();

    [TearDown]
    public void NoLogLineHoldsASecret()
    {
        try
        {
            foreach (var entry in _logs.Entries)
            {
                AssertNoSecret(entry.Text, "log line '" + entry.Message + "'");
            }
        }
        finally
        {
            _loggerFactory.Dispose();
        }
    }

    [Test]
    public void A_database_password_and_the_key_echoed_in_a_400_are_masked_in_the_exception()
    {
        var error = CallFailing<PgBeamValidationException>(
            client => client.Databases.CreateDatabaseAsync("prj_1", new CreateDatabaseRequest
            {
                Host = "db.example.com",
                Port = 5432,
                Name = "app",
                Username = "app",
                Password = DbPassword,
            }),
            HttpStatusCode.BadRequest,
            $$$"""{"detail":"password '{{{DbPassword}}}' is too weak for key {{{ApiKey}}}","code":"WEAK_PASSWORD"}""");

        Assert.That(error.ServerMessage, Is.EqualTo("password '***' is too weak for key ***"));
        Assert.That(error.ResponseBody, Does.Contain(DbPassword), "the raw body stays available, outside the message, as documented");
    }

    [Test]
    public void A_password_nested_in_a_create_project_request_is_masked_when_echoed()
    {
        var error = CallFailing<PgBeamValidationException>(
            client => client.Projects.CreateProjectAsync(new CreateProjectRequest
            {
                Name = "p",
                OrgId = "org_1",
                Database = new CreateDatabaseRequest { Host = "db.example.com", Port = 5432, Name = "app", Username = "app", Password = DbPassword },
            }),
            HttpStatusCode.UnprocessableEntity,
            $$$"""{"error":{"code":"BAD_DATABASE","message":"could not log in with {{{DbPassword}}}"}}""");

        Assert.That(error.ServerMessage, Is.EqualTo("could not log in with ***"));
    }

    [Test]
    public void A_webhook_secret_echoed_in_a_422_is_masked_in_the_exception()
    {
        var error = CallFailing<PgBeamValidationException>(
            client => client.Webhooks.CreateWebhookEndpointAsync("prj_1", new WebhookEndpointInput { Url = "https://example.com/hook", Secret = WebhookSecret }),
            HttpStatusCode.UnprocessableEntity,
            $$$"""{"error":{"code":"BAD_SECRET","message":"secret {{{WebhookSecret}}} is too short"}}""");

        Assert.That(error.ServerMessage, Is.EqualTo("secret *** is too short"));
    }

    [Test]
    public void Connection_strings_MCP_tokens_and_enrollment_tokens_in_an_error_message_are_masked_by_their_shape()
    {
        var error = CallFailing<PgBeamConflictException>(
            client => client.Platform.CreateSelfHostEnrollmentAsync("org_1", new CreateSelfHostEnrollmentRequest { Description = "edge" }),
            HttpStatusCode.Conflict,
            $$$"""{"detail":"enrollment {{{EnrollmentToken}}} is active; agent at {{{ConnectionString}}} uses {{{McpToken}}}; header Authorization: Bearer {{{ProvidedToken}}}"}""");

        Assert.That(error.ServerMessage, Is.EqualTo("enrollment pbh_*** is active; agent at postgresql://agent_a1b2:***@abc.proxy.pgbeam.app:5432/mydb uses pba_***; header Authorization: Bearer ***"));
    }

    [Test]
    public void A_token_from_the_token_provider_echoed_in_a_401_is_masked()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ => Json(HttpStatusCode.Unauthorized, $$$"""{"detail":"token {{{ProvidedToken}}} has expired"}"""));
        using var client = new PgBeamClient(new PgBeamClientOptions
        {
            TokenProvider = _ => ValueTask.FromResult(ProvidedToken),
            BaseUrl = TestClients.BaseUrl,
            HttpClient = new HttpClient(mock),
            LoggerFactory = _loggerFactory,
        });

        var error = Assert.ThrowsAsync<PgBeamUnauthorizedException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        AssertNoSecret(error!);
        Assert.That(error!.ServerMessage, Is.EqualTo("token *** has expired"));
    }

    [Test]
    public async Task Secrets_in_successful_responses_are_masked_by_ToString()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestClients.Url("/v1/projects/prj_1/agents")).Respond(_ => Json(HttpStatusCode.Created, ContractSamples.Complete("createAgentCredential",
            $$$"""{"credential":{"id":"agt_1","name":"claude"},"connection_string":"{{{ConnectionString}}}","mcp_url":"https://abc.proxy.pgbeam.app/mcp","mcp_token":"{{{McpToken}}}"}""")));
        mock.When(HttpMethod.Post, TestClients.Url("/v1/organizations/org_1/self-host-enrollments")).Respond(_ => Json(HttpStatusCode.Created, ContractSamples.Complete("createSelfHostEnrollment",
            $$$"""{"enrollment":{"id":"enr_1","org_id":"org_1"},"token":"{{{EnrollmentToken}}}"}""")));
        mock.When(HttpMethod.Get, TestClients.Url("/v1/projects/prj_1/databases/db_1")).Respond(_ => Json(HttpStatusCode.OK, ContractSamples.Complete("getDatabase",
            $$$"""{"id":"db_1","project_id":"prj_1","connection_string":"{{{ConnectionString}}}","host":"db.example.com"}""")));
        using var client = Client(mock);

        var secrets = await client.Agents.CreateAgentCredentialAsync("prj_1", new CreateAgentCredentialRequest { Name = "claude", PolicyProfileId = "pol_1" });
        var enrollment = await client.Platform.CreateSelfHostEnrollmentAsync("org_1", new CreateSelfHostEnrollmentRequest());
        var database = await client.Databases.GetDatabaseAsync("prj_1", "db_1");

        Assert.That(secrets.ConnectionString, Is.EqualTo(ConnectionString), "the caller gets the secret itself");
        Assert.That(secrets.McpToken, Is.EqualTo(McpToken));
        Assert.That(enrollment.Token, Is.EqualTo(EnrollmentToken));
        Assert.That(_logs.Entries, Has.Count.EqualTo(3), "one line per attempt, checked for secrets after the test");
        foreach (var model in new object[] { secrets, enrollment, database })
        {
            AssertNoSecret(model.ToString()!, model.GetType().Name + ".ToString()");
            Assert.That(model.ToString(), Does.Contain("***"));
        }
    }

    [Test]
    public void Request_DTOs_mask_their_secrets_in_ToString()
    {
        object[] requests =
        [
            new CreateDatabaseRequest { Host = "h", Port = 5432, Name = "n", Username = "u", Password = DbPassword },
            new UpdateDatabaseRequest { Password = DbPassword },
            new WebhookEndpointInput { Url = "https://example.com/hook", Secret = WebhookSecret },
            new PgBeamClientOptions { ApiKey = ApiKey },
        ];

        foreach (var request in requests)
        {
            AssertNoSecret(request.ToString()!, request.GetType().Name + ".ToString()");
        }
    }

    // A 2xx body with a secret where another type is expected: Json.NET's own message would quote it.
    [TestCase("createAgentCredential", $$$"""{"credential":"{{{ConnectionString}}}","mcp_token":"x"}""", "credential")]
    [TestCase("createAgentCredential", $$$"""{"credential":{"id":"agt_1","created_at":"{{{McpToken}}}"}}""", "credential.created_at")]
    [TestCase("createAgentCredential", "{\"credential\":{\"id\":\"agt_1\",\"status\":{\"v\":\"" + McpToken + "\"}}}", "credential.status")]
    [TestCase("createSelfHostEnrollment", $$$"""{"token":"t","enrollment":{"id":"enr_1","created_at":"{{{EnrollmentToken}}}"}}""", "enrollment.created_at")]
    [TestCase("getDatabase", $$$"""{"id":"db_1","port":"{{{DbPassword}}}"}""", "port")]
    [TestCase("getDatabase", $$$"""{"id":"db_1","auto_read_routing":"{{{ApiKey}}}"}""", "auto_read_routing")]
    [TestCase("getOrganizationUsage", $$$"""{"usage":[{"day":"{{{WebhookSecret}}}"}]}""", "usage[0].day")]
    [TestCase("getDatabase", $$$"""{"id":"db_1","connection_string":"{{{ConnectionString}}}""", null)]
    [TestCase("getDatabase", $$$"""{"id":"db_1","connection_string":{{{ConnectionString}}}}""", null)]
    public void A_secret_in_a_2xx_body_that_does_not_parse_stays_out_of_the_exception(string operation, string body, string? path)
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ => Json(HttpStatusCode.OK, body));
        using var client = Client(mock);
        Func<Task> call = operation switch
        {
            "createAgentCredential" => () => client.Agents.CreateAgentCredentialAsync("prj_1", new CreateAgentCredentialRequest { Name = "c", PolicyProfileId = "pol_1" }),
            "createSelfHostEnrollment" => () => client.Platform.CreateSelfHostEnrollmentAsync("org_1", new CreateSelfHostEnrollmentRequest()),
            "getDatabase" => () => client.Databases.GetDatabaseAsync("prj_1", "db_1"),
            _ => () => client.Analytics.GetOrganizationUsageAsync("org_1", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31)),
        };

        var error = Assert.ThrowsAsync<PgBeamSerializationException>(() => call());

        AssertNoSecret(error!);
        Assert.That(error!.InnerException, Is.Null);
        Assert.That(error.OperationId, Is.EqualTo(operation));
        if (path is not null)
        {
            Assert.That(error.JsonPath, Is.EqualTo(path));
            Assert.That(error.Message, Does.Contain("does not have the type"));
        }
    }

    [Test]
    public void Network_errors_and_timeouts_carry_no_key()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (api.pgbeam.test:443)"));
        using var client = Client(mock, options => options.Retry.MaxRetries = 0);

        var error = Assert.ThrowsAsync<PgBeamNetworkException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        AssertNoSecret(error!);
    }

    private TException CallFailing<TException>(Func<PgBeamClient, Task> call, HttpStatusCode status, string body)
        where TException : PgBeamApiException
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond(_ => Json(status, body));
        using var client = Client(mock);

        var error = Assert.ThrowsAsync<TException>(() => call(client));

        AssertNoSecret(error!);
        Assert.That(error!.Message, Does.Contain("***"), "the message keeps the server's words, masked");
        return error;
    }

    private PgBeamClient Client(MockHttpMessageHandler mock, Action<PgBeamClientOptions>? configure = null)
    {
        var options = new PgBeamClientOptions
        {
            ApiKey = ApiKey,
            BaseUrl = TestClients.BaseUrl,
            HttpClient = new HttpClient(mock),
            LoggerFactory = _loggerFactory,
            TimeProvider = new TimerWatchingTimeProvider(),
        };
        configure?.Invoke(options);
        return new PgBeamClient(options);
    }

    private static void AssertNoSecret(Exception error)
    {
        var texts = new List<string> { error.ToString() };
        for (var inner = error; inner is not null; inner = inner.InnerException)
        {
            texts.Add(inner.Message);
            texts.Add(inner.ToString());
            Assert.That(inner.Data, Is.Empty);
        }

        if (error is PgBeamApiException api)
        {
            texts.Add(api.ServerMessage);
            texts.Add(api.ErrorCode ?? string.Empty);
        }

        foreach (var text in texts)
        {
            AssertNoSecret(text, error.GetType().Name);
        }
    }

    private static void AssertNoSecret(string text, string where)
    {
        foreach (var secret in Secrets)
        {
            Assert.That(text, Does.Not.Contain(secret), $"{where} contains a secret");
        }

        Assert.That(text, Does.Not.Contain("Bearer pgb_").And.Not.Contain("Bearer " + ProvidedToken));
    }
}
