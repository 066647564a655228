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
using PgBeam.ContractTests.Contract;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Pagination;

/// <summary>
/// A fake listing endpoint on a MockHttp handler, for any path of the listing's operation: pages a fixed list of pages
/// by token (<c>page_token</c> / <c>next_page_token</c>), by number (<c>page</c> / <c>total</c>) or newest first by
/// timestamp (<c>before</c> / <c>page_size</c>, items with <c>ts</c>), each item a copy of the listing's complete item
/// with its key set. Records the path and query of every request.
/// </summary>
internal sealed class ListingServer
{
    /// <summary>The newest timestamp a keyset listing serves; each later item is one second older.</summary>
    public static readonly DateTimeOffset Newest = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly PagedListing _listing;
    private readonly IReadOnlyList<IReadOnlyList<string>> _pages;

    private ListingServer(PagedListing listing, IReadOnlyList<IReadOnlyList<string>> pages)
    {
        _listing = listing;
        _pages = pages;
    }

    /// <summary>The query of each request received, in order.</summary>
    public List<NameValueCollection> Requests { get; } = [];

    /// <summary>The (escaped) path of each request received, in order.</summary>
    public List<string> Paths { get; } = [];

    /// <summary>
    /// Serves <paramref name="pages"/> (item keys) for <paramref name="listing"/> on <paramref name="mock"/>. A keyset
    /// listing serves the keys of all pages as one timeline, newest first, and pages it by <c>before</c> and <c>page_size</c>.
    /// </summary>
    public static ListingServer Serve(MockHttpMessageHandler mock, PagedListing listing, params string[][] pages)
    {
        var server = new ListingServer(listing, pages);
        mock.When(HttpMethod.Get, "*")
            .With(request => listing.Operation.Matches("GET", request.RequestUri!.AbsolutePath))
            .Respond(server.Respond);
        return server;
    }

    /// <summary>The timestamp a keyset listing gives its item at <paramref name="index"/> (0 is the newest).</summary>
    public static DateTimeOffset TimestampOf(int index) => Newest.AddSeconds(-index);

    private HttpResponseMessage Respond(HttpRequestMessage request)
    {
        var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
        Requests.Add(query);
        Paths.Add(request.RequestUri.AbsolutePath);
        // The smallest body the contract allows (its required fields), then the page.
        var body = ContractSamples.Response(_listing.OperationId);
        body.Remove("next_page_token");
        IReadOnlyList<(string Key, int Index)> page;
        switch (_listing.Style)
        {
            case PagingStyle.Token:
                {
                    var token = query["page_token"];
                    var index = token is null ? 0 : int.Parse(token["tok_".Length..], CultureInfo.InvariantCulture);
                    page = _pages[index].Select(key => (key, 0)).ToList();
                    if (index + 1 < _pages.Count)
                    {
                        body["next_page_token"] = "tok_" + (index + 1).ToString(CultureInfo.InvariantCulture);
                    }

                    break;
                }

            case PagingStyle.PageNumber:
                {
                    var index = int.Parse(query["page"] ?? "1", CultureInfo.InvariantCulture) - 1;
                    page = (index < _pages.Count ? _pages[index] : []).Select(key => (key, 0)).ToList();
                    body["total"] = _pages.Sum(p => p.Count);
                    break;
                }

            default:
                {
                    var timeline = _pages.SelectMany(p => p).Select((key, index) => (key, index)).ToList();
                    var size = int.Parse(query["page_size"] ?? "20", CultureInfo.InvariantCulture);
                    var before = query["before"] is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : (DateTimeOffset?)null;
                    page = timeline.Where(item => before is null || TimestampOf(item.index) < before).Take(size).ToList();
                    break;
                }
        }

        body[_listing.ItemsProperty] = new JArray(page.Select(item =>
        {
            var copy = (JObject)_listing.ItemTemplate.DeepClone();
            copy[_listing.KeyProperty] = item.Key;
            if (_listing.Style == PagingStyle.Keyset)
            {
                copy["ts"] = TimestampOf(item.Index).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
            }

            return copy;
        }));
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json"),
        };
    }
}
