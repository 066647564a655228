using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Pagination;

/// <summary>Every paginated list operation, walked through its generated auto-paging companion.</summary>
public class AutoPagingWalkTests
{
    private static readonly DateTimeOffset Newest = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private static IEnumerable<PagedListing> Listings() => PagedListings.All();

    [TestCaseSource(nameof(Listings))]
    public async Task Walks_three_pages_and_repeats_the_filters_on_every_request(PagedListing listing)
    {
        using var mock = new MockHttpMessageHandler();
        using var client = TestClients.Create(mock);
        var parameters = listing.CreateParameters();
        var parametersBefore = JsonConvert.SerializeObject(parameters);

        List<NameValueCollection> requests;
        string[] expected;
        switch (listing.Style)
        {
            case PagingStyle.Token:
                // The middle page is short but carries a token: a short page must not end the walk.
                requests = ListingServer.Serve(mock, listing, ["k1", "k2"], ["k3"], ["k4", "k5"]).Requests;
                expected = ["k1", "k2", "k3", "k4", "k5"];
                break;
            case PagingStyle.PageNumber:
                requests = ListingServer.Serve(mock, listing, ["k1", "k2"], ["k3", "k4"], ["k5"]).Requests;
                expected = ["k1", "k2", "k3", "k4", "k5"];
                break;
            default:
                // page_size 2: each page after the first re-reads the entry on the previous page's oldest timestamp.
                requests = AuditLogServer.Serve(mock, ("k1", Newest), ("k2", Newest.AddSeconds(-1)), ("k3", Newest.AddSeconds(-2))).Requests;
                expected = ["k1", "k2", "k3"];
                break;
        }

        var keys = await CollectAsync(listing.Walk(client, parameters, CancellationToken.None));

        Assert.That(keys, Is.EqualTo(expected));
        Assert.That(requests, Has.Count.EqualTo(3));
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
                    Newest.AddSeconds(-1).AddTicks(10),
                    Newest.AddSeconds(-2).AddTicks(10),
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
        var requests = listing.Style == PagingStyle.Keyset
            ? AuditLogServer.Serve(mock).Requests
            : ListingServer.Serve(mock, listing, Array.Empty<string>()).Requests;

        var keys = await CollectAsync(listing.Walk(client, listing.CreateParameters(), CancellationToken.None));

        Assert.That(keys, Is.Empty);
        Assert.That(requests, Has.Count.EqualTo(1));
        foreach (var filter in listing.Filters)
        {
            Assert.That(requests[0][filter.Key], Is.EqualTo(filter.Value), filter.Key);
        }
    }

    [Test]
    public void Every_paginated_list_operation_has_an_auto_paging_companion_with_the_same_parameters()
    {
        var services = typeof(PgBeamClient).Assembly.GetExportedTypes()
            .Where(t => t.IsInterface && t.Namespace == "PgBeam" && t.Name.EndsWith("Client", StringComparison.Ordinal));
        var paged = new List<string>();
        foreach (var service in services)
        {
            foreach (var method in service.GetMethods().Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal) && !m.Name.EndsWith("AutoPagingAsync", StringComparison.Ordinal) && !m.Name.EndsWith("WithResponseAsync", StringComparison.Ordinal)))
            {
                var parametersType = method.GetParameters().FirstOrDefault(p => p.Name == "parameters")?.ParameterType;
                if (parametersType is null || !IsPaged(parametersType))
                {
                    continue;
                }

                var operationName = method.Name[..^"Async".Length];
                paged.Add(char.ToLowerInvariant(operationName[0]) + operationName[1..]);
                var companion = service.GetMethod(operationName + "AutoPagingAsync");
                Assert.That(companion, Is.Not.Null, $"{service.Name}.{operationName}AutoPagingAsync");
                Assert.That(
                    companion!.GetParameters().Select(p => (p.Name, p.ParameterType)),
                    Is.EqualTo(method.GetParameters().Select(p => (p.Name, p.ParameterType))),
                    $"{companion.Name} takes the arguments of {method.Name}");
                Assert.That(companion.ReturnType.GetGenericTypeDefinition(), Is.EqualTo(typeof(PgBeamAsyncPageable<>)));
            }
        }

        Assert.That(paged, Is.EquivalentTo(PagedListings.All().Select(l => l.OperationId)), "the walk tests cover every paginated operation");
        Assert.That(paged, Has.Count.EqualTo(12));
    }

    private static bool IsPaged(Type parametersType)
    {
        bool Has(string name) => parametersType.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is not null;
        return Has("PageToken") || (Has("PageSize") && (Has("Before") || Has("Page")));
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
