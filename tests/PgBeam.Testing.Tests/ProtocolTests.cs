using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using NUnit.Framework;
using PgBeam.Testing.Routing;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>
/// The API's protocol rules, the same for every resource the sandbox keeps: entity tags and conditional requests,
/// idempotent replays, and the body limits. In process, so a test can step between a read and a write.
/// </summary>
public class ProtocolTests() : SandboxTestBase(SandboxTransport.InProcess)
{
    [Test]
    public async Task A_read_carries_a_strong_ETag_that_stays_until_the_resource_changes()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);

        var first = await ReadETagAsync(project.Id, policy.Id);
        var again = await ReadETagAsync(project.Id, policy.Id);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Client.Policies.UpdatePolicyProfileAsync(project.Id, policy.Id, new PolicyProfileInput { Name = policy.Name, MaxRows = 10 });
        var changed = await ReadETagAsync(project.Id, policy.Id);

        Assert.That(first, Does.Match("^\"[0-9a-f]{32}\"$"), "strong: quoted, no W/ prefix");
        Assert.That(again, Is.EqualTo(first));
        Assert.That(changed, Is.Not.EqualTo(first));
    }

    [Test]
    public async Task A_write_answers_with_the_ETag_a_read_would_give()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        string? written = null;

        await Client.Policies.UpdatePolicyProfileAsync(project.Id, policy.Id, new PolicyProfileInput { Name = "renamed" }, requestOptions: new RequestOptions { OnResponse = r => written = r.GetHeader("ETag") });

        Assert.That(written, Is.Not.Null.And.EqualTo(await ReadETagAsync(project.Id, policy.Id)));
    }

    [Test]
    public async Task A_matching_If_None_Match_gets_304_without_a_body_and_a_stale_one_the_resource()
    {
        var project = await CreateProjectAsync();
        using var http = CreateRawHttpClient();
        using var first = await http.GetAsync($"v1/projects/{project.Id}");
        var tag = first.Headers.ETag!.Tag;

        using var unchanged = await SendAsync(http, HttpMethod.Get, $"v1/projects/{project.Id}", ("If-None-Match", tag));
        using var weak = await SendAsync(http, HttpMethod.Get, $"v1/projects/{project.Id}", ("If-None-Match", "\"other\", W/" + tag));
        using var stale = await SendAsync(http, HttpMethod.Get, $"v1/projects/{project.Id}", ("If-None-Match", "\"0000\""));

        Assert.That(unchanged.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(await unchanged.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(unchanged.Headers.ETag!.Tag, Is.EqualTo(tag));
        Assert.That(weak.StatusCode, Is.EqualTo(HttpStatusCode.NotModified), "If-None-Match compares weakly and takes a list");
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await stale.Content.ReadAsStringAsync(), Is.EqualTo(await first.Content.ReadAsStringAsync()));
    }

    [Test]
    public async Task A_conditional_update_that_meets_a_concurrent_change_is_refused_with_412_and_the_current_ETag()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var readTag = await ReadETagAsync(project.Id, policy.Id);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Client.Policies.UpdatePolicyProfileAsync(project.Id, policy.Id, new PolicyProfileInput { Name = policy.Name, MaxRows = 100 }); // the other writer
        var currentTag = await ReadETagAsync(project.Id, policy.Id);

        var refused = Assert.ThrowsAsync<PgBeamPreconditionFailedException>(() => Client.Policies.UpdatePolicyProfileAsync(
            project.Id, policy.Id, new PolicyProfileInput { Name = policy.Name, MaxRows = 5 }, ifMatch: readTag));
        var retried = await Client.Policies.UpdatePolicyProfileAsync(project.Id, policy.Id, new PolicyProfileInput { Name = policy.Name, MaxRows = 5 }, ifMatch: currentTag);

        Assert.That(refused!.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
        Assert.That(refused.ErrorCode, Is.EqualTo("PRECONDITION_FAILED"));
        Assert.That(refused.Headers["ETag"], Is.EqualTo(new[] { currentTag }));
        Assert.That(retried.MaxRows, Is.EqualTo(5));
        Assert.That(Sandbox.Requests.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed), Is.EqualTo(1), "412 is not retried");
    }

    [Test]
    public async Task If_Match_star_or_the_current_tag_lets_the_write_through_and_a_weak_tag_never_does()
    {
        var project = await CreateProjectAsync();
        var tag = await ReadProjectETagAsync(project.Id);

        await Client.Projects.UpdateProjectAsync(project.Id, new UpdateProjectRequest { Description = "one" }, ifMatch: tag);
        await Client.Projects.UpdateProjectAsync(project.Id, new UpdateProjectRequest { Description = "two" }, ifMatch: "*");
        var weak = Assert.ThrowsAsync<PgBeamPreconditionFailedException>(async () =>
            await Client.Projects.UpdateProjectAsync(project.Id, new UpdateProjectRequest { Description = "three" }, ifMatch: "W/" + await ReadProjectETagAsync(project.Id)));

        Assert.That((await Client.Projects.GetProjectAsync(project.Id)).Description, Is.EqualTo("two"));
        Assert.That(weak!.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionFailed));
    }

    [Test]
    public async Task A_retry_with_the_same_idempotency_key_replays_the_first_answer_and_says_so()
    {
        var project = await CreateProjectAsync();
        var key = new RequestOptions { IdempotencyKey = "create-once" };
        string? replayed = null;
        string? firstRequestId = null;
        string? secondRequestId = null;

        var first = await Client.Policies.CreatePolicyProfileAsync(project.Id, new PolicyProfileInput { Name = "p" }, new RequestOptions { IdempotencyKey = "create-once", OnResponse = r => firstRequestId = r.RequestId });
        var second = await Client.Policies.CreatePolicyProfileAsync(project.Id, new PolicyProfileInput { Name = "p" }, new RequestOptions
        {
            IdempotencyKey = "create-once",
            OnResponse = r => (replayed, secondRequestId) = (r.GetHeader("Idempotent-Replayed"), r.RequestId),
        });
        var reused = Assert.ThrowsAsync<PgBeamIdempotencyKeyReusedException>(() => Client.Policies.CreatePolicyProfileAsync(project.Id, new PolicyProfileInput { Name = "q" }, key));

        Assert.That(second.Id, Is.EqualTo(first.Id));
        Assert.That(replayed, Is.EqualTo("true"));
        Assert.That(secondRequestId, Is.EqualTo(firstRequestId), "a replay repeats the first answer, request id included");
        Assert.That(reused!.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(reused.ErrorCode, Is.EqualTo("IDEMPOTENCY_KEY_REUSED"));
        Assert.That((await Client.Policies.ListPolicyProfilesAsync(project.Id)).Policies, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_rejected_request_is_replayed_too_but_a_rate_limited_one_runs_again()
    {
        var project = await CreateProjectAsync();
        using var http = CreateRawHttpClient();
        var path = $"v1/projects/{project.Id}/policies";

        using var invalid = await SendAsync(http, HttpMethod.Post, path, ("Idempotency-Key", "bad-once"), body: """{"max_rows":1}""");
        using var invalidAgain = await SendAsync(http, HttpMethod.Post, path, ("Idempotency-Key", "bad-once"), body: """{"max_rows":1}""");
        Sandbox.Faults.InjectRateLimit(TimeSpan.FromSeconds(1));
        using var limited = await SendAsync(http, HttpMethod.Post, path, ("Idempotency-Key", "limited-once"), body: """{"name":"p"}""");
        using var afterLimit = await SendAsync(http, HttpMethod.Post, path, ("Idempotency-Key", "limited-once"), body: """{"name":"p"}""");

        Assert.That(invalidAgain.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(invalidAgain.Headers.GetValues("Idempotent-Replayed"), Is.EqualTo(new[] { "true" }));
        Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(afterLimit.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(afterLimit.Headers.Contains("Idempotent-Replayed"), Is.False);
    }

    [Test]
    public async Task A_body_over_2_MB_is_413_and_one_of_exactly_2_MB_is_accepted()
    {
        var project = await CreateProjectAsync();
        using var http = CreateRawHttpClient();
        var prefix = """{"name":"big" """;
        var fits = prefix + new string(' ', SandboxDispatcher.MaxBodyBytes - prefix.Length - 1) + "}";
        var over = fits + " ";

        using var accepted = await SendAsync(http, HttpMethod.Post, $"v1/projects/{project.Id}/policies", body: fits);
        using var tooLarge = await SendAsync(http, HttpMethod.Post, $"v1/projects/{project.Id}/policies", body: over);
        var problem = JObject.Parse(await tooLarge.Content.ReadAsStringAsync());

        Assert.That(Encoding.UTF8.GetByteCount(over), Is.EqualTo((2 * 1024 * 1024) + 1));
        Assert.That(Encoding.UTF8.GetByteCount(fits), Is.EqualTo(2 * 1024 * 1024));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(tooLarge.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(problem["code"]!.ToString(), Is.EqualTo("PAYLOAD_TOO_LARGE"));
        Assert.That(problem["detail"]!.ToString(), Does.Contain("2 MB"));
        Assert.That(tooLarge.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"), "the 0.2.4 contract declares no 413, so the problem type is used");
    }

    [Test]
    public async Task The_SDK_sees_413_as_an_API_error_and_does_not_retry_it()
    {
        var project = await CreateProjectAsync();

        var error = Assert.ThrowsAsync<PgBeamPayloadTooLargeException>(() => Client.Policies.CreatePolicyProfileAsync(project.Id, new PolicyProfileInput { Name = new string('n', 2 * 1024 * 1024) }));

        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(error.ErrorCode, Is.EqualTo("PAYLOAD_TOO_LARGE"));
        Assert.That(Sandbox.Requests.Count(r => r.OperationId == "createPolicyProfile"), Is.EqualTo(1));
    }

    [TestCase("text/plain")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase(null)]
    public async Task A_body_that_is_not_declared_as_JSON_is_415(string? mediaType)
    {
        var project = await CreateProjectAsync();
        using var http = CreateRawHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/projects/{project.Id}/policies") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"name":"p"}""")) };
        if (mediaType is not null)
        {
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        }

        using var response = await http.SendAsync(request);
        var problem = JObject.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        Assert.That(problem["code"]!.ToString(), Is.EqualTo("UNSUPPORTED_MEDIA_TYPE"));
        Assert.That(Sandbox.Requests[^1].ErrorCode, Is.EqualTo("UNSUPPORTED_MEDIA_TYPE"));
    }

    [Test]
    public async Task A_JSON_body_with_a_charset_or_a_json_suffix_is_accepted()
    {
        var project = await CreateProjectAsync();
        using var http = CreateRawHttpClient();
        using var charset = new StringContent("""{"name":"a"}""", Encoding.UTF8, "application/json");
        using var suffix = new StringContent("""{"name":"b"}""", Encoding.UTF8, "application/merge-patch+json");

        using var first = await http.PostAsync($"v1/projects/{project.Id}/policies", charset);
        using var second = await http.PostAsync($"v1/projects/{project.Id}/policies", suffix);

        Assert.That(new[] { first.StatusCode, second.StatusCode }, Is.All.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task ModifyPolicyProfileAsync_meets_a_concurrent_writer_reads_again_and_keeps_both_changes()
    {
        var project = await CreateProjectAsync();
        var policy = await CreatePolicyAsync(project.Id);
        var rounds = 0;

        var modified = await Client.Policies.ModifyPolicyProfileAsync(project.Id, policy.Id, input =>
        {
            rounds++;
            if (rounds == 1)
            {
                // Another writer renames the profile between the helper's read and its write.
                Clock.Advance(TimeSpan.FromSeconds(1));
                Client.Policies.UpdatePolicyProfileAsync(project.Id, policy.Id, new PolicyProfileInput { Name = "renamed-elsewhere" }).GetAwaiter().GetResult();
            }

            input.MaxRows = 500;
        });
        var stored = await Client.Policies.GetPolicyProfileAsync(project.Id, policy.Id);

        Assert.That(rounds, Is.EqualTo(2), "the change was applied again to the fresher copy");
        Assert.That(Sandbox.Requests.Count(r => r.OperationId == "updatePolicyProfile" && r.StatusCode == HttpStatusCode.PreconditionFailed), Is.EqualTo(1));
        Assert.That((modified.Name, modified.MaxRows), Is.EqualTo(("renamed-elsewhere", (int?)500)), "both writers' changes survive");
        Assert.That((stored.Name, stored.MaxRows), Is.EqualTo(("renamed-elsewhere", (int?)500)));
    }

    [Test]
    public void ModifyPolicyProfileAsync_gives_up_typed_after_maxAttempts_rounds_lost_to_other_writers()
    {
        var project = CreateProjectAsync().GetAwaiter().GetResult();
        var policy = CreatePolicyAsync(project.Id).GetAwaiter().GetResult();
        var rounds = 0;

        var error = Assert.ThrowsAsync<PgBeamPreconditionFailedException>(() => Client.Policies.ModifyPolicyProfileAsync(project.Id, policy.Id, input =>
        {
            rounds++;
            Clock.Advance(TimeSpan.FromSeconds(1));
            Client.Policies.UpdatePolicyProfileAsync(project.Id, policy.Id, new PolicyProfileInput { Name = $"writer-{rounds}" }).GetAwaiter().GetResult();
            input.MaxRows = 500;
        }, maxAttempts: 3));

        Assert.That(rounds, Is.EqualTo(3));
        Assert.That(error!.ModifyAttempts, Is.EqualTo(3));
        Assert.That(error.Code, Is.EqualTo(ErrorCode.PreconditionFailed));
    }

    [Test]
    public async Task ModifyProjectAsync_reads_changes_and_writes_back_with_If_Match()
    {
        var project = await CreateProjectAsync();

        var modified = await Client.Projects.ModifyProjectAsync(project.Id, input => input.Description = "modified");

        var write = Sandbox.Requests.Single(r => r.OperationId == "updateProject");
        Assert.That(modified.Description, Is.EqualTo("modified"));
        Assert.That(write.Headers["If-Match"], Does.Match("^\"[0-9a-f]{32}\"$"));
        Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private async Task<string> ReadETagAsync(string projectId, string policyId)
    {
        string? tag = null;
        await Client.Policies.GetPolicyProfileAsync(projectId, policyId, new RequestOptions { OnResponse = r => tag = r.GetHeader("ETag") });
        return tag ?? throw new AssertionException("the read carried no ETag");
    }

    private async Task<string> ReadProjectETagAsync(string projectId)
    {
        string? tag = null;
        await Client.Projects.GetProjectAsync(projectId, new RequestOptions { OnResponse = r => tag = r.GetHeader("ETag") });
        return tag ?? throw new AssertionException("the read carried no ETag");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, (string Name, string Value)? header = null, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (header is { } extra)
        {
            request.Headers.TryAddWithoutValidation(extra.Name, extra.Value);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return await http.SendAsync(request);
    }
}
