using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using NUnit.Framework;
using PgBeam.ContractTests.Contract;
using PgBeam.ContractTests.Derivation;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Pagination;

/// <summary>Every paginated list operation of the contract, walked through its generated auto-paging companion.</summary>
public class AutoPagingWalkTests
{
    private static IEnumerable<PagedListing> Listings() => PagedListings.All();

    [TestCaseSource(nameof(Listings))]
    public async Task Walks_three_pages_and_repeats_the_filters_on_every_request(PagedListing listing)
    {
        using var mock = new MockHttpMessageHandler();
        using var client = TestClients.Create(mock);
        var parameters = listing.Parameters;
        var parametersBefore = JsonConvert.SerializeObject(parameters);

        ListingServer server;
        string[] expected;
        switch (listing.Style)
        {
            case PagingStyle.Token:
                // The middle page is short but carries a token: a short page must not end the walk.
                server = ListingServer.Serve(mock, listing, ["k1", "k2"], ["k3"], ["k4", "k5"]);
                expected = ["k1", "k2", "k3", "k4", "k5"];
                break;
            case PagingStyle.PageNumber:
                server = ListingServer.Serve(mock, listing, ["k1", "k2"], ["k3", "k4"], ["k5"]);
                expected = ["k1", "k2", "k3", "k4", "k5"];
                break;
            default:
                // page_size 2: each page after the first re-reads the entry on the previous page's oldest timestamp.
                server = ListingServer.Serve(mock, listing, ["k1", "k2", "k3"]);
                expected = ["k1", "k2", "k3"];
                break;
        }

        var requests = server.Requests;
        var keys = await CollectAsync(listing.Walk(client, CancellationToken.None));

        Assert.That(keys, Is.EqualTo(expected));
        Assert.That(requests, Has.Count.EqualTo(3));
        Assert.That(server.Paths, Is.All.EqualTo(listing.Path), "every page request goes to the listing's path");
        foreach (var request in requests)
        {
            foreach (var filter in listing.Filters)
            {
                Assert.That(request[filter.Key], Is.EqualTo(filter.Value), $"{filter.Key} on request {requests.IndexOf(request) + 1}");
            }
        }

        switch (listing.Style)
        {
            case PagingStyle.Token:
                Assert.That(requests.Select(r => r["page_token"]), Is.EqualTo(new[] { null, "tok_1", "tok_2" }));
                break;
            case PagingStyle.PageNumber:
                Assert.That(requests.Select(r => r["page"]), Is.EqualTo(new[] { "1", "2", "3" }));
                break;
            default:
                Assert.That(requests.Select(r => ParseOrNull(r["before"])), Is.EqualTo(new DateTimeOffset?[]
                {
                    null,
                    ListingServer.TimestampOf(1).AddTicks(10),
                    ListingServer.TimestampOf(2).AddTicks(10),
                }));
                break;
        }

        Assert.That(JsonConvert.SerializeObject(parameters), Is.EqualTo(parametersBefore), "the caller's parameters object must not change");
    }

    [TestCaseSource(nameof(Listings))]
    public async Task Walks_an_empty_listing_with_one_request_and_yields_nothing(PagedListing listing)
    {
        using var mock = new MockHttpMessageHandler();
        using var client = TestClients.Create(mock);
        var requests = ListingServer.Serve(mock, listing, Array.Empty<string>()).Requests;

        var keys = await CollectAsync(listing.Walk(client, CancellationToken.None));

        Assert.That(keys, Is.Empty);
        Assert.That(requests, Has.Count.EqualTo(1));
        foreach (var filter in listing.Filters)
        {
            Assert.That(requests[0][filter.Key], Is.EqualTo(filter.Value), filter.Key);
        }
    }

    [Test]
    public void Every_paginated_list_operation_of_the_contract_has_an_auto_paging_companion_with_the_same_parameters_and_no_other_does()
    {
        var listings = PagedListings.All().ToList();
        var services = typeof(PgBeamClient).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType.IsInterface);
        var companions = services.SelectMany(s => s.PropertyType.GetMethods())
            .Where(m => m.Name.EndsWith("AutoPagingAsync", StringComparison.Ordinal))
            .Select(m => m.Name[..^"AutoPagingAsync".Length])
            .ToList();

        foreach (var listing in listings)
        {
            var binding = listing.Call.Binding;
            var companion = binding.AutoPagingMethod;
            Assert.That(companion, Is.Not.Null,
                $"{binding.Service.PropertyType.Name}.{NameRules.Pascal(listing.OperationId)}AutoPagingAsync: the contract pages {listing.OperationId} " +
                $"({listing.Style}{(listing.Operation.Pagination!.Inferred ? ", inferred from its shape" : string.Empty)}) and `dotnet build` must generate it");
            Assert.That(
                companion!.GetParameters().Select(p => (p.Name, p.ParameterType)),
                Is.EqualTo(binding.Method.GetParameters().Select(p => (p.Name, p.ParameterType))),
                $"{companion.Name} takes the arguments of {binding.Method.Name}");
            Assert.That(companion.ReturnType.GetGenericTypeDefinition(), Is.EqualTo(typeof(PgBeamAsyncPageable<>)));
        }

        Assert.That(companions, Is.EquivalentTo(listings.Select(l => NameRules.Pascal(l.OperationId))), "auto-paging companions exist exactly for the contract's paged lists");
        Assert.That(listings.Select(l => l.Style).Distinct(), Is.EquivalentTo(Enum.GetValues<PagingStyle>()), "the walk tests drive every paging style the SDK has");
    }

    private static DateTimeOffset? ParseOrNull(string? value) =>
        value is null ? null : DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

    internal static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
