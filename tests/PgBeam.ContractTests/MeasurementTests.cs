using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using PgBeam.ContractTests.Calls;
using PgBeam.ContractTests.Recording;

namespace PgBeam.ContractTests;

/// <summary>
/// The measuring instruments themselves, without Prism: the contract walk, the path matcher, the body field paths
/// and the response check. Coverage and "every input arrived" are only as good as these.
/// </summary>
public sealed class MeasurementTests
{
    [Test]
    public void The_contract_walk_descends_into_required_objects_for_required_fields_and_into_everything_for_all_fields()
    {
        var body = PrismSuite.Contract["createProject"].Body!;

        Assert.Multiple(() =>
        {
            Assert.That(body.Required, Is.True);
            Assert.That(body.RequiredFields, Is.SupersetOf(new[] { "name", "org_id", "database", "database.host", "database.password" }));
            Assert.That(body.RequiredFields, Has.None.StartsWith("database.cache_config"));
            Assert.That(body.RequiredFields, Does.Not.Contain("description"));
            Assert.That(body.AllFields, Is.SupersetOf(new[] { "tags", "database.cache_config.enabled", "database.pool_config.max_active" }));
        });
    }

    [Test]
    public void The_contract_walk_names_array_items_nested_objects_and_nullable_fields()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PrismSuite.Contract["createPolicyProfile"].Body!.AllFields, Is.SupersetOf(new[] { "masking_rules[].kind", "row_filters[].predicate", "statement_rules.deny" }));
            Assert.That(PrismSuite.Contract["updateCacheRule"].Body!.NullableFields, Is.EquivalentTo(new[] { "cache_ttl_seconds", "cache_swr_seconds" }));
            Assert.That(PrismSuite.Contract["approveApprovalRequest"].Body!.Required, Is.False);
            Assert.That(PrismSuite.Contract["listProjects"].RequiredQueryKeys, Is.EquivalentTo(new[] { "org_id" }));
            Assert.That(PrismSuite.Contract["listAuditLogs"].AllQueryKeys, Is.EquivalentTo(new[] { "credential_id", "event", "decision", "source", "start", "end", "before", "page_size", "page_token" }));
        });
    }

    [TestCase("GET", "/v1/projects/prj_1/audit-logs/export", "exportAuditLogs")]
    [TestCase("GET", "/v1/projects/prj_1/audit-logs", "listAuditLogs")]
    [TestCase("POST", "/v1/projects/prj_1/migrations:lint", "lintMigration")]
    [TestCase("GET", "/v1/projects/prj_1", "getProject")]
    [TestCase("PATCH", "/v1/projects/prj_1", "updateProject")]
    [TestCase("GET", "/v1/projects", "listProjects")]
    [TestCase("PUT", "/v1/projects/prj_1/databases/db_1/cache-rules/b522c442292eaa5b", "updateCacheRule")]
    public void A_request_is_attributed_to_the_operation_its_method_and_path_match(string method, string path, string operationId)
    {
        Assert.That(PrismSuite.Contract.Match(method, path)?.OperationId, Is.EqualTo(operationId));
    }

    [Test]
    public void A_request_outside_the_contract_is_attributed_to_no_operation()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PrismSuite.Contract.Match("DELETE", "/v1/projects"), Is.Null);
            Assert.That(PrismSuite.Contract.Match("GET", "/v1/projects/prj_1/unknown"), Is.Null);
        });
    }

    [Test]
    public void Body_field_paths_name_nested_objects_array_items_and_explicit_nulls()
    {
        var (fields, nulls) = JsonFieldPaths.Of(JToken.Parse("""{"name":"a","database":{"cache_config":{"enabled":true}},"masking_rules":[{"table":"t"},{"kind":"hash"}],"tags":["x"],"expires_at":null}"""));

        Assert.Multiple(() =>
        {
            Assert.That(fields, Is.EquivalentTo(new[]
            {
                "name", "database", "database.cache_config", "database.cache_config.enabled",
                "masking_rules", "masking_rules[].table", "masking_rules[].kind", "tags", "expires_at",
            }));
            Assert.That(nulls, Is.EquivalentTo(new[] { "expires_at" }));
        });
    }

    [Test]
    public void A_complete_call_that_lost_a_field_on_the_way_is_told_apart_from_one_that_delivered_everything()
    {
        var expected = ExpectedRequest.For(PrismSuite.Contract["updateCacheRule"], CallVariant.AllFields);
        RecordedExchange Sent(params string[] fields) => new(
            "PUT", "/v1/projects/p/databases/d/cache-rules/b522c442292eaa5b", "updateCacheRule", [], true,
            fields.ToHashSet(), new HashSet<string>(), HttpStatusCode.OK, [], TimeSpan.Zero);

        Assert.Multiple(() =>
        {
            Assert.That(expected.Differences(Sent("cache_enabled", "cache_ttl_seconds", "cache_swr_seconds")), Is.Empty);
            Assert.That(expected.Differences(Sent("cache_enabled", "cache_ttl_seconds")), Has.One.Contains("'cache_swr_seconds' did not reach Prism"));
        });
    }

    [Test]
    public void A_response_field_the_SDK_has_no_property_for_is_reported_with_its_path()
    {
        var project = new Project();
        project.AdditionalProperties["surprise"] = 1;
        var response = new ListProjectsResponse { Projects = [new Project(), project] };

        Assert.That(UnknownResponseFields.In(response), Is.EqualTo(new[] { "$.Projects[1].surprise" }));
    }
}
