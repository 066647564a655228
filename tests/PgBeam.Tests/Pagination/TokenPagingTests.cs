using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Pagination;

/// <summary>Token paging (<c>page_token</c> / <c>next_page_token</c>): ends, repeated tokens, pages and resuming.</summary>
public class TokenPagingTests
{
    private static PagedListing PolicyProfiles => PagedListings.For("listPolicyProfiles");

    [Test]
    public void A_server_that_repeats_the_token_it_was_asked_with_ends_the_walk_with_an_error_instead_of_looping()
    {
        using var mock = new MockHttpMessageHandler();
        var requests = 0;
        mock.When(HttpMethod.Get, TestClients.Url("/v1/projects/prj_1/policies")).Respond(_ =>
        {
            requests++;
            return Json($$"""{"policies":[{"project_id":"prj_1","name":"p","access_mode":"read_only","table_allowlist":[],"table_denylist":[],"masking_rules":[],"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z","id":"pol_{{requests}}"}],"next_page_token":"tok_same"}""");
        });
        using var client = TestClients.Create(mock);

        var yielded = new List<string>();
        var error = Assert.ThrowsAsync<PgBeamPaginationException>(async () =>
        {
            await foreach (var profile in client.Policies.ListPolicyProfilesAutoPagingAsync("prj_1"))
            {
                yielded.Add(profile.Id);
            }
        });

        Assert.That(error!.Reason, Is.EqualTo(PgBeamPaginationFailure.RepeatedPageToken));
        Assert.That(error.OperationId, Is.EqualTo("listPolicyProfiles"));
        Assert.That(error.Message, Does.Not.Contain("tok_same"), "page tokens stay out of messages");
        Assert.That(yielded, Is.EqualTo(new[] { "pol_1", "pol_2" }));
        Assert.That(requests, Is.EqualTo(2));
    }

    [Test]
    public void A_server_whose_tokens_cycle_back_to_an_earlier_one_ends_the_walk_with_an_error_instead_of_looping()
    {
        using var mock = new MockHttpMessageHandler();
        var asked = new List<string?>();
        mock.When(HttpMethod.Get, TestClients.Url("/v1/projects/prj_1/policies")).Respond(request =>
        {
            var token = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query)["page_token"];
            asked.Add(token);
            // First page -> tok_a -> tok_b -> tok_a again: a cycle no single-step check sees.
            var next = token switch { null => "tok_a", "tok_a" => "tok_b", _ => "tok_a" };
            return Json($$"""{"policies":[{"project_id":"prj_1","name":"p","access_mode":"read_only","table_allowlist":[],"table_denylist":[],"masking_rules":[],"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z","id":"pol_{{asked.Count}}"}],"next_page_token":"{{next}}"}""");
        });
        using var client = TestClients.Create(mock);

        var yielded = new List<string>();
        var error = Assert.ThrowsAsync<PgBeamPaginationException>(async () =>
        {
            await foreach (var profile in client.Policies.ListPolicyProfilesAutoPagingAsync("prj_1"))
            {
                yielded.Add(profile.Id);
            }
        });

        Assert.That(error!.Reason, Is.EqualTo(PgBeamPaginationFailure.RepeatedPageToken));
        Assert.That(asked, Is.EqualTo(new string?[] { null, "tok_a", "tok_b" }));
        Assert.That(yielded, Is.EqualTo(new[] { "pol_1", "pol_2", "pol_3" }));
    }

    [Test]
    public async Task An_empty_next_page_token_ends_the_walk()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("/v1/projects/prj_1/policies"))
            .Respond("application/json", """{"policies":[{"project_id":"prj_1","name":"p","access_mode":"read_only","table_allowlist":[],"table_denylist":[],"masking_rules":[],"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z","id":"pol_1"},{"project_id":"prj_1","name":"p","access_mode":"read_only","table_allowlist":[],"table_denylist":[],"masking_rules":[],"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z","id":"pol_2"}],"next_page_token":""}""");
        using var client = TestClients.Create(mock);

        var pages = await AutoPagingWalkTests.CollectAsync(client.Policies.ListPolicyProfilesAutoPagingAsync("prj_1").AsPages());

        Assert.That(pages, Has.Count.EqualTo(1));
        Assert.That(pages[0].Items.Select(p => p.Id), Is.EqualTo(new[] { "pol_1", "pol_2" }));
        Assert.That(pages[0].ContinuationToken, Is.Null);
    }

    [Test]
    public async Task AsPages_exposes_each_pages_token_and_resumes_from_one()
    {
        using var mock = new MockHttpMessageHandler();
        var server = ListingServer.Serve(mock, PolicyProfiles, ["k1", "k2"], ["k3"], ["k4", "k5"]);
        using var client = TestClients.Create(mock);
        var parameters = new ListPolicyProfilesParams { PageSize = 2 };

        var pages = await AutoPagingWalkTests.CollectAsync(client.Policies.ListPolicyProfilesAutoPagingAsync("prj_1", parameters).AsPages());
        Assert.That(pages.Select(p => p.ContinuationToken), Is.EqualTo(new[] { "tok_1", "tok_2", null }));
        Assert.That(pages.Select(p => p.Items.Count), Is.EqualTo(new[] { 2, 1, 2 }));

        server.Requests.Clear();
        var resumed = await AutoPagingWalkTests.CollectAsync(client.Policies.ListPolicyProfilesAutoPagingAsync("prj_1", parameters).AsPages(pages[0].ContinuationToken));

        Assert.That(resumed.SelectMany(p => p.Items).Select(p => p.Id), Is.EqualTo(new[] { "k3", "k4", "k5" }));
        Assert.That(server.Requests.Select(r => r["page_token"]), Is.EqualTo(new[] { "tok_1", "tok_2" }));
        Assert.That(server.Requests.Select(r => r["page_size"]), Is.All.EqualTo("2"));
    }

    [Test]
    public async Task The_callers_page_token_is_where_the_walk_starts()
    {
        using var mock = new MockHttpMessageHandler();
        var server = ListingServer.Serve(mock, PolicyProfiles, ["k1"], ["k2"], ["k3"]);
        using var client = TestClients.Create(mock);

        var items = await AutoPagingWalkTests.CollectAsync(
            client.Policies.ListPolicyProfilesAutoPagingAsync("prj_1", new ListPolicyProfilesParams { PageToken = "tok_2" }));

        Assert.That(items.Select(p => p.Id), Is.EqualTo(new[] { "k3" }));
        Assert.That(server.Requests.Single()["page_token"], Is.EqualTo("tok_2"));
    }

    [Test]
    public async Task Each_enumeration_walks_the_listing_again_and_nothing_is_sent_before_it_starts()
    {
        using var mock = new MockHttpMessageHandler();
        var server = ListingServer.Serve(mock, PolicyProfiles, ["k1"], ["k2"]);
        using var client = TestClients.Create(mock);

        var pageable = client.Policies.ListPolicyProfilesAutoPagingAsync("prj_1");
        Assert.That(server.Requests, Is.Empty);

        var first = await AutoPagingWalkTests.CollectAsync(pageable);
        var second = await AutoPagingWalkTests.CollectAsync(pageable);

        Assert.That(first.Select(p => p.Id), Is.EqualTo(new[] { "k1", "k2" }));
        Assert.That(second.Select(p => p.Id), Is.EqualTo(new[] { "k1", "k2" }));
        Assert.That(server.Requests, Has.Count.EqualTo(4));
    }

    [Test]
    public void An_invalid_path_id_is_reported_when_the_enumeration_starts()
    {
        using var mock = new MockHttpMessageHandler();
        var server = ListingServer.Serve(mock, PolicyProfiles, ["k1"]);
        using var client = TestClients.Create(mock);

        var pageable = client.Policies.ListPolicyProfilesAutoPagingAsync("..");

        Assert.That(async () => await AutoPagingWalkTests.CollectAsync(pageable), Throws.ArgumentException.With.Property(nameof(ArgumentException.ParamName)).EqualTo("projectId"));
        Assert.That(server.Requests, Is.Empty);
    }

    [Test]
    public void An_error_status_on_a_later_page_surfaces_as_the_sdks_exception()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url("/v1/projects/prj_1/policies")).WithQueryString("page_token", "tok_1")
            .Respond(System.Net.HttpStatusCode.Forbidden, "application/json", """{"error":{"code":"forbidden","message":"plan limit"}}""");
        mock.When(HttpMethod.Get, TestClients.Url("/v1/projects/prj_1/policies"))
            .Respond("application/json", """{"policies":[{"project_id":"prj_1","name":"p","access_mode":"read_only","table_allowlist":[],"table_denylist":[],"masking_rules":[],"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z","id":"pol_1"}],"next_page_token":"tok_1"}""");
        using var client = TestClients.Create(mock);

        var yielded = new List<string>();
        Assert.ThrowsAsync<PgBeamForbiddenException>(async () =>
        {
            await foreach (var profile in client.Policies.ListPolicyProfilesAutoPagingAsync("prj_1"))
            {
                yielded.Add(profile.Id);
            }
        });
        Assert.That(yielded, Is.EqualTo(new[] { "pol_1" }));
    }

    private static HttpResponseMessage Json(string body) => new(System.Net.HttpStatusCode.OK)
    {
        Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
    };
}
