using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Pagination;

/// <summary>Page-number paging (<c>page</c>, <c>page_size</c>, <c>total</c>) of support cases.</summary>
public class PageNumberPagingTests
{
    private static PagedListing SupportCases => PagedListings.For("listSupportCases");

    [Test]
    public async Task An_empty_page_ends_the_walk_even_when_total_promises_more()
    {
        using var mock = new MockHttpMessageHandler();
        var requests = 0;
        mock.When(HttpMethod.Get, TestClients.Url("/v1/organizations/org_1/support/cases")).Respond(_ =>
        {
            requests++;
            var body = requests == 1 ? """{"cases":[{"case_number":1,"org_id":"org_1","user_id":"usr_1","title":"t","severity":4,"status":"open","created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z","id":"c1"},{"case_number":1,"org_id":"org_1","user_id":"usr_1","title":"t","severity":4,"status":"open","created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z","id":"c2"}],"total":10}""" : """{"cases":[],"total":10}""";
            return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        });
        using var client = TestClients.Create(mock);

        var items = await AutoPagingWalkTests.CollectAsync(client.Support.ListSupportCasesAutoPagingAsync("org_1"));

        Assert.That(items.Select(c => c.Id), Is.EqualTo(new[] { "c1", "c2" }));
        Assert.That(requests, Is.EqualTo(2));
    }

    [Test]
    public async Task Reaching_total_ends_the_walk_without_asking_for_another_page()
    {
        using var mock = new MockHttpMessageHandler();
        var server = ListingServer.Serve(mock, SupportCases, ["c1", "c2"], ["c3", "c4"]);
        using var client = TestClients.Create(mock);

        var pages = await AutoPagingWalkTests.CollectAsync(
            client.Support.ListSupportCasesAutoPagingAsync("org_1", new ListSupportCasesParams { PageSize = 2 }).AsPages());

        Assert.That(pages.Select(p => p.ContinuationToken), Is.EqualTo(new[] { "2", null }));
        Assert.That(server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_walk_resumes_from_a_page_number_token_and_from_the_callers_page()
    {
        using var mock = new MockHttpMessageHandler();
        var server = ListingServer.Serve(mock, SupportCases, ["c1", "c2"], ["c3", "c4"], ["c5"]);
        using var client = TestClients.Create(mock);
        var parameters = new ListSupportCasesParams { PageSize = 2, Status = SupportCaseStatus.Open };

        var resumed = await AutoPagingWalkTests.CollectAsync(client.Support.ListSupportCasesAutoPagingAsync("org_1", parameters).AsPages("2"));
        var fromPage3 = await AutoPagingWalkTests.CollectAsync(
            client.Support.ListSupportCasesAutoPagingAsync("org_1", new ListSupportCasesParams { PageSize = 2, Page = 3 }));

        Assert.That(resumed.SelectMany(p => p.Items).Select(c => c.Id), Is.EqualTo(new[] { "c3", "c4", "c5" }));
        Assert.That(fromPage3.Select(c => c.Id), Is.EqualTo(new[] { "c5" }));
        Assert.That(server.Requests.Select(r => r["page"]), Is.EqualTo(new[] { "2", "3", "3" }));
        Assert.That(server.Requests.Take(2).Select(r => r["status"]), Is.All.EqualTo("open"));
        Assert.That(parameters.Page, Is.Null, "the caller's parameters are not modified");
    }
}
