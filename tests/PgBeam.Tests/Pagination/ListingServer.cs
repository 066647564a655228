using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Web;
using Newtonsoft.Json.Linq;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Pagination;

/// <summary>
/// A fake listing endpoint on a MockHttp handler that pages a fixed list of pages by token (<c>page_token</c> /
/// <c>next_page_token</c>) or by number (<c>page</c> / <c>total</c>), and records the query of every request.
/// </summary>
internal sealed class ListingServer
{
    private readonly PagedListing _listing;
    private readonly IReadOnlyList<IReadOnlyList<string>> _pages;

    private ListingServer(PagedListing listing, IReadOnlyList<IReadOnlyList<string>> pages)
    {
        _listing = listing;
        _pages = pages;
    }

    /// <summary>The query of each request received, in order.</summary>
    public List<NameValueCollection> Requests { get; } = [];

    /// <summary>Serves <paramref name="pages"/> (item keys) for <paramref name="listing"/> on <paramref name="mock"/>.</summary>
    public static ListingServer Serve(MockHttpMessageHandler mock, PagedListing listing, params string[][] pages)
    {
        var server = new ListingServer(listing, pages);
        mock.When(HttpMethod.Get, TestClients.Url(listing.Path)).Respond(server.Respond);
        return server;
    }

    private HttpResponseMessage Respond(HttpRequestMessage request)
    {
        var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
        Requests.Add(query);
        // The smallest body the contract allows (its required fields), then the page.
        var body = ContractSamples.Response(_listing.OperationId);
        body.Remove("next_page_token");
        IReadOnlyList<string> page;
        if (_listing.Style == PagingStyle.Token)
        {
            var token = query["page_token"];
            var index = token is null ? 0 : int.Parse(token["tok_".Length..], CultureInfo.InvariantCulture);
            page = _pages[index];
            if (index + 1 < _pages.Count)
            {
                body["next_page_token"] = "tok_" + (index + 1).ToString(CultureInfo.InvariantCulture);
            }
        }
        else
        {
            var index = int.Parse(query["page"] ?? "1", CultureInfo.InvariantCulture) - 1;
            page = index < _pages.Count ? _pages[index] : [];
            body["total"] = _pages.Sum(p => p.Count);
        }

        body[_listing.ItemsProperty] = new JArray(page.Select(key =>
        {
            var item = ContractSamples.Item(_listing.OperationId, _listing.ItemsProperty);
            item[_listing.KeyProperty] = key;
            return item;
        }));
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json"),
        };
    }
}
