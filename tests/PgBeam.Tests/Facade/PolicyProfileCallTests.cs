using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Facade;

public class PolicyProfileCallTests
{
    [Test]
    public async Task Create_policy_profile_sends_only_what_was_set_and_reads_the_result()
    {
        using var mock = new MockHttpMessageHandler();
        string? body = null;
        HttpRequestMessage? seen = null;
        mock.Expect(HttpMethod.Post, TestClients.Url("/v1/projects/prj_1/policies"))
            .With(request =>
            {
                seen = request;
                body = request.Content!.ReadAsStringAsync().Result;
                return true;
            })
            .Respond(HttpStatusCode.Created, "application/json",
                """{"id":"pol_1","project_id":"prj_1","name":"analytics-readonly","access_mode":"read_only","table_allowlist":[],"table_denylist":[],"masking_rules":[],"max_rows":1000,"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}""");
        using var client = TestClients.Create(mock);

        var profile = await client.Policies.CreatePolicyProfileAsync("prj_1", new PolicyProfileInput
        {
            Name = "analytics-readonly",
            AccessMode = PolicyProfileAccessMode.ReadOnly,
            MaxRows = 1000,
        });

        mock.VerifyNoOutstandingExpectation();
        Assert.That(JToken.DeepEquals(JToken.Parse(body!), JObject.Parse("""{"name":"analytics-readonly","access_mode":"read_only","max_rows":1000}""")), Is.True, body);
        Assert.That(seen!.Headers.Authorization!.ToString(), Is.EqualTo("Bearer " + TestClients.ApiKey));
        Assert.That(seen.Headers.Accept.Single().MediaType, Is.EqualTo("application/json"));
        Assert.That(seen.Headers.GetValues("Idempotency-Key").Single(), Does.Match("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
        Assert.That(seen.Headers.UserAgent.ToString(), Does.StartWith("pgbeam-dotnet/"));
        Assert.That(profile.Id, Is.EqualTo("pol_1"));
        Assert.That(profile.AccessMode, Is.EqualTo(PolicyProfileAccessMode.ReadOnly));
        Assert.That(profile.MaxRows, Is.EqualTo(1000));
    }
}
