using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Conditional;

public class ModifyPolicyProfileTests
{
    private static HttpResponseMessage Tagged(HttpStatusCode status, string json, string etag)
    {
        var response = Json(status, json);
        response.Headers.TryAddWithoutValidation("ETag", etag);
        return response;
    }

    private static HttpResponseMessage Precondition() =>
        Json(HttpStatusCode.PreconditionFailed, """{"type":"about:blank","title":"Precondition failed","status":412,"code":"PRECONDITION_FAILED"}""");

    private const string Renamed = """{"id":"pol_1","project_id":"prj_1","name":"renamed-by-someone-else","access_mode":"read_only","table_allowlist":[],"table_denylist":[],"masking_rules":[],"max_rows":1000,"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:06Z"}""";

    [Test]
    public async Task A_412_makes_the_helper_read_again_and_reapply_the_change_keeping_the_other_writers_change()
    {
        using var mock = new MockHttpMessageHandler();
        // MockHttp checks expectations in the order they were added: read, write, read, write.
        var firstRead = ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => Tagged(HttpStatusCode.OK, PolicyJson, "\"v1\""));
        var firstWrite = ExpectInOrder(mock, HttpMethod.Put, PolicyPath, Precondition);
        var secondRead = ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => Tagged(HttpStatusCode.OK, Renamed, "\"v2\""));
        var secondWrite = ExpectInOrder(mock, HttpMethod.Put, PolicyPath, () => Tagged(HttpStatusCode.OK, Renamed.Replace("1000", "500"), "\"v3\""));
        using var client = TestClients.Create(mock);

        var profile = await client.Policies.ModifyPolicyProfileAsync("prj_1", "pol_1", p => p.MaxRows = 500);

        var reads = firstRead.Concat(secondRead).ToList();
        var writes = firstWrite.Concat(secondWrite).ToList();
        Assert.That((reads.Count, writes.Count), Is.EqualTo((2, 2)));
        Assert.That(writes.Select(w => w.Header("If-Match")), Is.EqualTo(new[] { "\"v1\"", "\"v2\"" }));
        var second = JObject.Parse(writes[1].Body!);
        Assert.That((string?)second["name"], Is.EqualTo("renamed-by-someone-else"));
        Assert.That((int?)second["max_rows"], Is.EqualTo(500));
        Assert.That(profile.MaxRows, Is.EqualTo(500));
    }

    [Test]
    public void After_maxAttempts_lost_rounds_the_helper_fails_typed_and_says_how_many_rounds_it_made()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => Tagged(HttpStatusCode.OK, PolicyJson, "\"v1\""));
        ExpectInOrder(mock, HttpMethod.Put, PolicyPath, Precondition);
        ExpectInOrder(mock, HttpMethod.Get, PolicyPath, () => Tagged(HttpStatusCode.OK, PolicyJson, "\"v2\""));
        ExpectInOrder(mock, HttpMethod.Put, PolicyPath, Precondition);
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<PgBeamPreconditionFailedException>(() => client.Policies.ModifyPolicyProfileAsync("prj_1", "pol_1", p => p.MaxRows = 500, maxAttempts: 2));

        Assert.That(error!.ModifyAttempts, Is.EqualTo(2));
        Assert.That(error.Code, Is.EqualTo(ErrorCode.PreconditionFailed));
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task A_conditional_read_tells_unchanged_from_changed_without_an_exception()
    {
        using var mock = new MockHttpMessageHandler();
        ExpectInOrder(mock, HttpMethod.Get, PolicyPath,
            () => Tagged(HttpStatusCode.OK, PolicyJson, "\"v1\""),
            () => Tagged(HttpStatusCode.NotModified, "", "\"v1\""),
            () => Tagged(HttpStatusCode.OK, Renamed, "\"v2\""));
        using var client = TestClients.Create(mock);

        var first = await client.Policies.GetPolicyProfileWithResponseAsync("prj_1", "pol_1");
        var unchanged = await client.Policies.GetPolicyProfileWithResponseAsync("prj_1", "pol_1", ifNoneMatch: first.ETag);
        var changed = await client.Policies.GetPolicyProfileWithResponseAsync("prj_1", "pol_1", ifNoneMatch: first.ETag);

        Assert.That((unchanged.IsNotModified, unchanged.HasValue), Is.EqualTo((true, false)));
        Assert.That((changed.IsNotModified, changed.Value.Name, changed.ETag), Is.EqualTo((false, "renamed-by-someone-else", "\"v2\"")));
    }
}
