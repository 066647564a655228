using System;
using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using PgBeam.Serialization;
using PgBeam.Tests.Support;

namespace PgBeam.Tests.Serialization;

/// <summary>What the generated DTOs put on the wire: exact names, only what was set, explicit nulls, unknown data kept.</summary>
public class WireFormatTests
{
    private static JObject Serialize(object model) => JObject.Parse(JsonConvert.SerializeObject(model, PgBeamJson.Settings));

    private static T Deserialize<T>(string json) => JsonConvert.DeserializeObject<T>(json, PgBeamJson.Settings)!;

    [Test]
    public void Properties_use_the_exact_snake_case_wire_names()
    {
        var json = Serialize(new CreateAgentCredentialRequest
        {
            Name = "claude-analytics",
            PolicyProfileId = "pol_1",
            PrincipalType = AgentCredentialPrincipalType.Agent,
        });

        Assert.That(json, Is.EqualTo(JObject.Parse("""{"name":"claude-analytics","policy_profile_id":"pol_1","principal_type":"agent"}""")).Using<JToken>(JToken.DeepEquals));
    }

    [Test]
    public void A_request_with_nothing_set_sends_no_contract_defaults_and_no_empty_lists()
    {
        // PolicyProfileInput has contract defaults (access_mode read_only, approval_timeout_seconds 300, …) and lists.
        var json = Serialize(new PolicyProfileInput { Name = "p" });

        Assert.That(json.Properties(), Has.Exactly(1).Items);
        Assert.That(json["name"]!.Value<string>(), Is.EqualTo("p"));
    }

    [Test]
    public void An_optional_list_that_was_set_is_sent_even_when_empty()
    {
        var json = Serialize(new PolicyProfileInput { Name = "p", TableAllowlist = new List<string>() });

        Assert.That(json["table_allowlist"], Is.InstanceOf<JArray>());
        Assert.That(json["table_allowlist"]!, Is.Empty);
    }

    [Test]
    public void Spend_limit_set_to_null_is_sent_as_null_and_unset_is_left_out()
    {
        Assert.That(Serialize(new UpdateSpendLimitRequest { SpendLimit = null }).ToString(Formatting.None), Is.EqualTo("""{"spend_limit":null}"""));
        Assert.That(Serialize(new UpdateSpendLimitRequest()).ToString(Formatting.None), Is.EqualTo("{}"));
        Assert.That(Serialize(new UpdateSpendLimitRequest { SpendLimit = 500 }).ToString(Formatting.None), Is.EqualTo("""{"spend_limit":500.0}"""));
    }

    [Test]
    public void Cache_rule_ttl_and_swr_set_to_null_are_sent_as_null_and_unset_ones_are_left_out()
    {
        Assert.That(
            Serialize(new UpdateCacheRuleRequest { CacheEnabled = true, CacheTtlSeconds = null }).ToString(Formatting.None),
            Is.EqualTo("""{"cache_enabled":true,"cache_ttl_seconds":null}"""));
        Assert.That(
            Serialize(new UpdateCacheRuleRequest { CacheEnabled = true, CacheSwrSeconds = null }).ToString(Formatting.None),
            Is.EqualTo("""{"cache_enabled":true,"cache_swr_seconds":null}"""));
        Assert.That(
            Serialize(new UpdateCacheRuleRequest { CacheEnabled = false }).ToString(Formatting.None),
            Is.EqualTo("""{"cache_enabled":false}"""));
    }

    [Test]
    public void Unknown_enum_values_and_unknown_fields_survive_a_round_trip()
    {
        const string fromServer = """
            {"id":"pol_1","project_id":"prj_1","name":"p","access_mode":"read_mostly","write_mode":"normal","table_allowlist":[],"table_denylist":[],"masking_rules":[],
             "brand_new_field":{"nested":[1,2,3]},"created_at":"2026-01-02T03:04:05.123456+00:00","updated_at":"2026-01-02T03:04:05Z"}
            """;

        var profile = Deserialize<PolicyProfile>(fromServer);

        Assert.That(profile.AccessMode.Value, Is.EqualTo("read_mostly"));
        Assert.That(profile.AccessMode.IsKnown, Is.False);
        Assert.That(profile.AccessMode, Is.Not.EqualTo(PolicyProfileAccessMode.ReadOnly));
        Assert.That(profile.WriteMode, Is.EqualTo(PolicyProfileWriteMode.Normal));
        Assert.That(profile.AdditionalProperties.ContainsKey("brand_new_field"), Is.True);

        var written = Serialize(profile);
        Assert.That(written["access_mode"]!.Value<string>(), Is.EqualTo("read_mostly"));
        Assert.That(written["brand_new_field"], Is.EqualTo(JToken.Parse("""{"nested":[1,2,3]}""")).Using<JToken>(JToken.DeepEquals));
    }

    [Test]
    public void Known_enum_values_compare_with_equals_and_keep_their_wire_string()
    {
        var parsed = Deserialize<PolicyProfile>(ContractSamples.CompleteSchema("PolicyProfile", """{"access_mode":"read_only"}"""));

        Assert.That(parsed.AccessMode == PolicyProfileAccessMode.ReadOnly, Is.True);
        Assert.That(PolicyProfileAccessMode.ReadOnly.IsKnown, Is.True);
        Assert.That(PolicyProfileAccessMode.ReadOnly.ToString(), Is.EqualTo("read_only"));
        Assert.That(SslMode.VerifyFull.Value, Is.EqualTo("verify-full"));
        Assert.That(ProjectInsightsRange.OneHour.Value, Is.EqualTo("1h"));
    }

    [Test]
    public void A_value_read_from_a_resource_can_be_written_to_its_request_type()
    {
        var profile = Deserialize<PolicyProfile>(ContractSamples.CompleteSchema("PolicyProfile", """{"access_mode":"read_write"}"""));

        var input = new PolicyProfileInput { Name = "p", AccessMode = profile.AccessMode };

        Assert.That(Serialize(input)["access_mode"]!.Value<string>(), Is.EqualTo("read_write"));
    }

    [Test]
    public void Nullable_response_fields_round_trip_an_explicit_null()
    {
        var alert = Deserialize<AnomalyAlert>(ContractSamples.CompleteSchema("AnomalyAlert", """{"id":"ano_1","acknowledged_at":null}"""));

        Assert.That(alert.AcknowledgedAt, Is.Null);
        Assert.That(Serialize(alert).ContainsKey("acknowledged_at"), Is.True);
        Assert.That(Serialize(alert)["acknowledged_at"]!.Type, Is.EqualTo(JTokenType.Null));
    }

    [Test]
    public void Timestamps_keep_their_offset_and_microseconds()
    {
        var alert = Deserialize<AnomalyAlert>(ContractSamples.CompleteSchema("AnomalyAlert", """{"id":"ano_1","created_at":"2026-03-04T05:06:07.123456+02:00"}"""));

        Assert.That(alert.CreatedAt, Is.EqualTo(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(2)).AddTicks(1234560)));
        Assert.That(JsonConvert.SerializeObject(alert, PgBeamJson.Settings), Does.Contain("\"created_at\":\"2026-03-04T05:06:07.123456+02:00\""));
    }

    [Test]
    public void Secret_fields_are_masked_in_ToString()
    {
        var secrets = Deserialize<AgentCredentialSecrets>(ContractSamples.CompleteSchema("AgentCredentialSecrets",
            """{"credential":{"id":"agt_1"},"connection_string":"postgresql://agent:s3cr3t-pw@db:5432/app","mcp_token":"mcp_tok_abcdef","mcp_url":"https://mcp.pgbeam.test"}"""));
        var request = new CreateProjectRequest
        {
            Name = "p",
            OrgId = "org_1",
            Database = new CreateDatabaseRequest { Host = "h", Port = 5432, Name = "app", Username = "u", Password = "hunter2-db-pw" },
        };

        Assert.That(secrets.ToString(), Does.Not.Contain("s3cr3t-pw").And.Not.Contain("mcp_tok_abcdef").And.Contain("***").And.Contain("agt_1"));
        Assert.That(request.ToString(), Does.Not.Contain("hunter2-db-pw").And.Contain("***"));
        Assert.That(secrets.ConnectionString, Is.EqualTo("postgresql://agent:s3cr3t-pw@db:5432/app"), "the property itself still returns the value");
    }
}
