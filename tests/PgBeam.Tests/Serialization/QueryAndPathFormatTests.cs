using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Serialization;

/// <summary>How parameters reach the URL: ISO 8601 timestamps, yyyy-MM-dd dates, enums by wire value, escaped ids.</summary>
public class QueryAndPathFormatTests
{
    [Test]
    public async Task Date_time_query_parameters_go_out_in_ISO_8601_with_offset()
    {
        using var mock = new MockHttpMessageHandler();
        Uri? sent = null;
        mock.When("*").With(r => { sent = r.RequestUri; return true; }).Respond("application/json", """{"entries":[]}""");
        using var client = TestClients.Create(mock);

        await client.Agents.ListAuditLogsAsync("prj_1", new ListAuditLogsParams
        {
            Start = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)),
            Before = new DateTimeOffset(2026, 1, 3, 0, 0, 0, TimeSpan.Zero).AddTicks(10),
        });

        var query = System.Web.HttpUtility.ParseQueryString(sent!.Query);
        Assert.That(query["start"], Is.EqualTo("2026-01-02T03:04:05.0000000+02:00"));
        Assert.That(query["before"], Is.EqualTo("2026-01-03T00:00:00.0000010+00:00"));
    }

    [Test]
    public async Task Date_query_parameters_go_out_as_year_month_day()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Expect(TestClients.Url("/v1/organizations/org_1/usage"))
            .WithExactQueryString("start_date=2026-01-01&end_date=2026-01-31")
            .Respond(ContractSamples.ResponseFor);
        using var client = TestClients.Create(mock);

        await client.Analytics.GetOrganizationUsageAsync("org_1", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31));

        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task Enum_query_parameters_go_out_as_their_wire_value()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Expect(TestClients.Url("/v1/projects"))
            .WithExactQueryString("org_id=org_1&page_size=5&sort_by=active_connections")
            .Respond(ContractSamples.ResponseFor);
        using var client = TestClients.Create(mock);

        await client.Projects.ListProjectsAsync("org_1", new ListProjectsParams { PageSize = 5, SortBy = ListProjectsSortBy.ActiveConnections });

        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task A_path_id_with_a_slash_stays_one_escaped_segment()
    {
        using var mock = new MockHttpMessageHandler();
        Uri? sent = null;
        mock.When("*").With(r => { sent = r.RequestUri; return true; }).Respond(ContractSamples.ResponseFor);
        using var client = TestClients.Create(mock);

        await client.Projects.GetProjectAsync("a/b?c#d");

        Assert.That(sent!.AbsoluteUri, Is.EqualTo(TestClients.Url("/v1/projects/a%2Fb%3Fc%23d")));
        Assert.That(sent.Segments, Has.Length.EqualTo(4));
    }

    [Test]
    public async Task The_colon_of_migrations_lint_stays_literal()
    {
        using var mock = new MockHttpMessageHandler();
        Uri? sent = null;
        mock.When("*").With(r => { sent = r.RequestUri; return true; }).Respond(ContractSamples.ResponseFor);
        using var client = TestClients.Create(mock);

        await client.Migrations.LintMigrationAsync("prj_1", new MigrationLintRequest { Sql = "ALTER TABLE t ADD COLUMN c int" });

        Assert.That(sent!.AbsoluteUri, Is.EqualTo(TestClients.Url("/v1/projects/prj_1/migrations:lint")));
        Assert.That(sent.AbsoluteUri, Does.Not.Contain("%3A"));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(".")]
    [TestCase("..")]
    public void Empty_blank_and_dot_ids_are_refused_before_sending(string id)
    {
        using var mock = new MockHttpMessageHandler();
        mock.Fallback.Throw(new AssertionException("nothing may be sent"));
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<ArgumentException>(() => client.Databases.GetDatabaseAsync("prj_1", id));

        Assert.That(error!.ParamName, Is.EqualTo("databaseId"));
    }

    [Test]
    public void A_null_id_is_refused_with_ArgumentNullException()
    {
        using var mock = new MockHttpMessageHandler();
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<ArgumentNullException>(() => client.Projects.GetProjectAsync(null!));

        Assert.That(error!.ParamName, Is.EqualTo("projectId"));
    }

    [Test]
    public void A_body_missing_a_nested_required_field_is_refused_naming_it()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Fallback.Throw(new AssertionException("nothing may be sent"));
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<ArgumentException>(() => client.Projects.CreateProjectAsync(new CreateProjectRequest
        {
            Name = "production",
            OrgId = "org_1",
            Database = new CreateDatabaseRequest { Host = "db.internal", Port = 5432, Name = "app", Username = null!, Password = "pw" },
        }));

        Assert.That(error!.Message, Does.Contain("body.database.username"));
        Assert.That(error.ParamName, Is.EqualTo("body"));
    }

    [Test]
    public void A_required_value_type_field_left_unset_is_refused()
    {
        using var mock = new MockHttpMessageHandler();
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<ArgumentException>(() => client.Databases.CreateDatabaseAsync("prj_1",
            new CreateDatabaseRequest { Host = "db.internal", Port = null, Name = "app", Username = "u", Password = "pw" }));

        Assert.That(error!.Message, Does.Contain("body.port"));
    }

    [Test]
    public async Task A_response_without_a_body_where_none_is_promised_succeeds()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Delete, TestClients.Url("/v1/projects/prj_1/agents/agt_1")).Respond(HttpStatusCode.NoContent);
        using var client = TestClients.Create(mock);

        await client.Agents.RevokeAgentCredentialAsync("prj_1", "agt_1");

        mock.VerifyNoOutstandingExpectation();
    }
}
