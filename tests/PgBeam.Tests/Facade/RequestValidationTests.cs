using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Facade;

/// <summary>
/// Arguments are checked before anything is sent: required body fields (nested ones included) and path ids, with
/// an ArgumentException naming the field or parameter; ids are escaped so each stays one path segment.
/// </summary>
public class RequestValidationTests
{
    private MockHttpMessageHandler _mock = null!;
    private List<SentRequest> _sent = null!;
    private PgBeamClient _client = null!;

    [SetUp]
    public void SetUp()
    {
        _mock = new MockHttpMessageHandler();
        _sent = [];
        _mock.When("*").RecordTo(_sent).Respond(ContractSamples.ResponseFor);
        _client = TestClients.Create(_mock);
    }

    [TearDown]
    public void TearDown()
    {
        _client.Dispose();
        _mock.Dispose();
    }

    private static CreateDatabaseRequest DatabaseWithoutUsername() => new()
    {
        Host = "db.internal",
        Port = 5432,
        Name = "app",
        Username = null!, // a C# `required` member: only an explicit null gets past the compiler
        Password = "s3cret-password",
    };

    [Test]
    public void A_database_request_without_username_fails_before_sending_and_names_the_field()
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() => _client.Databases.CreateDatabaseAsync("prj_1", DatabaseWithoutUsername()));

        Assert.That(error!.Message, Does.Contain("'body.username'"));
        Assert.That(error.ParamName, Is.EqualTo("body"));
        Assert.That(_sent, Is.Empty);
    }

    [Test]
    public void A_database_nested_in_a_project_request_without_username_fails_with_the_nested_path()
    {
        var request = new CreateProjectRequest { OrgId = "org_1", Name = "production", Database = DatabaseWithoutUsername() };

        var error = Assert.ThrowsAsync<ArgumentException>(() => _client.Projects.CreateProjectAsync(request));

        Assert.That(error!.Message, Does.Contain("'body.database.username'"));
        Assert.That(error.ParamName, Is.EqualTo("body"));
        Assert.That(_sent, Is.Empty);
    }

    [Test]
    public void A_missing_value_type_field_is_seen_as_missing_rather_than_sent_as_zero()
    {
        var request = DatabaseWithoutUsername();
        request.Username = "pgbeam";
        request.Port = null;

        var error = Assert.ThrowsAsync<ArgumentException>(() => _client.Databases.CreateDatabaseAsync("prj_1", request));

        Assert.That(error!.Message, Does.Contain("'body.port'"));
        Assert.That(_sent, Is.Empty);
    }

    [Test]
    public void A_missing_body_is_an_argument_null_error_naming_it()
    {
        var error = Assert.ThrowsAsync<ArgumentNullException>(() => _client.Databases.CreateDatabaseAsync("prj_1", null!));

        Assert.That(error!.ParamName, Is.EqualTo("body"));
        Assert.That(_sent, Is.Empty);
    }

    [TestCase("", TestName = "An_empty_path_id_fails_before_sending")]
    [TestCase("   ", TestName = "A_whitespace_path_id_fails_before_sending")]
    [TestCase("\t", TestName = "A_tab_path_id_fails_before_sending")]
    [TestCase(".", TestName = "A_dot_path_id_fails_before_sending_because_normalisation_would_drop_it")]
    [TestCase("..", TestName = "A_dot_dot_path_id_fails_before_sending_because_normalisation_would_climb_a_level")]
    public void Bad_path_id(string id)
    {
        var first = Assert.ThrowsAsync<ArgumentException>(() => _client.Agents.GetAgentCredentialAsync(id, "agt_1"));
        var second = Assert.ThrowsAsync<ArgumentException>(() => _client.Agents.RotateAgentCredentialAsync("prj_1", id));

        Assert.That(first!.ParamName, Is.EqualTo("projectId"));
        Assert.That(second!.ParamName, Is.EqualTo("agentId"));
        Assert.That(first.Message, Does.Contain("nothing was sent"));
        Assert.That(_sent, Is.Empty);
    }

    [Test]
    public void A_null_path_id_is_an_argument_null_error_naming_the_parameter()
    {
        var error = Assert.ThrowsAsync<ArgumentNullException>(() => _client.Policies.GetPolicyProfileAsync("prj_1", null!));

        Assert.That(error!.ParamName, Is.EqualTo("policyId"));
        Assert.That(_sent, Is.Empty);
    }

    [Test]
    public async Task A_slash_in_an_id_is_escaped_so_the_id_stays_one_segment()
    {
        await _client.Agents.GetAgentCredentialAsync("a/b", "../c?d#e%f");

        Assert.That(_sent.Single().Url, Is.EqualTo(TestClients.Url("/v1/projects/a%2Fb/agents/..%2Fc%3Fd%23e%25f")));
    }

    [Test]
    public async Task The_colon_of_migrations_lint_stays_literal_while_a_colon_in_an_id_is_escaped()
    {
        await _client.Migrations.LintMigrationAsync("prj:1", new MigrationLintRequest { Sql = "SELECT 1" });

        Assert.That(_sent.Single().Url, Is.EqualTo(TestClients.Url("/v1/projects/prj%3A1/migrations:lint")));
        Assert.That(_sent.Single().Method, Is.EqualTo(HttpMethod.Post));
    }

    [Test]
    public async Task Unicode_ids_are_percent_encoded_as_utf8()
    {
        await _client.Projects.GetProjectAsync("prj_é");

        Assert.That(_sent.Single().Url, Is.EqualTo(TestClients.Url("/v1/projects/prj_%C3%A9")));
    }
}
