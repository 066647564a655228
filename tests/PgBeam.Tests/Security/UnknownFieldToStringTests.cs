using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Security;

/// <summary>
/// Item 2 of issue 9: a field this SDK version does not know (a newer server's second connection string, say) is named
/// in a model's ToString() but its value is masked, at the top level and inside nested models. The value is still kept.
/// </summary>
public class UnknownFieldToStringTests
{
    private const string NewSecret = "postgresql://agent:NEWFIELD-pw-42@db:5432/app";

    [Test]
    public async Task An_unknown_field_of_a_response_is_named_in_ToString_but_its_value_is_masked()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url(PolicyPath)).Respond(
            "application/json",
            ContractSamples.Complete("getPolicyProfile", """{"id":"pol_1","name":"analytics-readonly","access_mode":"read_only","replica_connection_string":"postgresql://agent:NEWFIELD-pw-42@db:5432/app","future_block":{"token":"NEWFIELD-tok"}}"""));
        using var client = TestClients.Create(mock);

        var profile = await client.Policies.GetPolicyProfileAsync("prj_1", "pol_1");
        var text = profile.ToString();

        Assert.That(text, Does.Not.Contain("NEWFIELD"));
        Assert.That(text, Does.Contain("\"replica_connection_string\":\"***\"").And.Contain("\"future_block\":\"***\""));
        Assert.That(text, Does.Contain("analytics-readonly"), "known, non-secret fields are still shown");
        Assert.That(profile.AdditionalProperties["replica_connection_string"]?.ToString(), Is.EqualTo(NewSecret), "the value itself is kept");
    }

    [Test]
    public async Task An_unknown_field_inside_a_nested_model_is_masked_too()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Post, TestClients.Url("/v1/projects/prj_1/agents")).Respond(
            "application/json",
            ContractSamples.Complete("createAgentCredential", """{"credential":{"id":"agt_1","name":"claude","second_password":"NEWFIELD-nested-pw"},"connection_string":"postgresql://a:known-pw@h/db","mcp_url":"https://mcp.pgbeam.test","mcp_token":"mcp_tok_known"}"""));
        using var client = TestClients.Create(mock);

        var secrets = await client.Agents.CreateAgentCredentialAsync("prj_1", new CreateAgentCredentialRequest
        {
            Name = "claude",
            PolicyProfileId = "pol_1",
            PrincipalType = AgentCredentialPrincipalType.Agent,
        });

        Assert.That(secrets.ToString(), Does.Not.Contain("NEWFIELD").And.Not.Contain("known-pw").And.Contain("\"second_password\":\"***\"").And.Contain("agt_1"));
    }
}
