using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Pagination;

/// <summary>Cancelling a walk: between pages no further request is sent; during a page the request is cancelled.</summary>
public class AutoPagingCancellationTests
{
    private static PagedListing PolicyProfiles => PagedListings.For("listPolicyProfiles");

    [Test]
    public async Task Cancelling_the_methods_token_mid_walk_stops_without_another_request()
    {
        using var mock = new MockHttpMessageHandler();
        var server = ListingServer.Serve(mock, PolicyProfiles, ["k1", "k2"], ["k3", "k4"]);
        using var client = TestClients.Create(mock);
        using var cancellation = new CancellationTokenSource();

        var seen = new System.Collections.Generic.List<string>();
        var enumerator = client.Policies.ListPolicyProfilesAutoPagingAsync("prj_1", cancellationToken: cancellation.Token).GetAsyncEnumerator();
        await using (enumerator)
        {
            while (seen.Count < 2 && await enumerator.MoveNextAsync())
            {
                seen.Add(enumerator.Current.Id);
            }

            await cancellation.CancelAsync();

            Assert.That(async () => await enumerator.MoveNextAsync(), Throws.InstanceOf<OperationCanceledException>());
        }

        Assert.That(seen, Is.EqualTo(new[] { "k1", "k2" }));
        Assert.That(server.Requests, Has.Count.EqualTo(1), "page 2 is never requested");
    }

    [Test]
    public async Task Cancelling_through_WithCancellation_mid_page_stops_at_the_next_item_without_another_request()
    {
        using var mock = new MockHttpMessageHandler();
        var server = ListingServer.Serve(mock, PolicyProfiles, ["k1", "k2", "k3"], ["k4"]);
        using var client = TestClients.Create(mock);
        using var cancellation = new CancellationTokenSource();

        var seen = new System.Collections.Generic.List<string>();
        Assert.That(async () =>
        {
            await foreach (var profile in client.Policies.ListPolicyProfilesAutoPagingAsync("prj_1").WithCancellation(cancellation.Token))
            {
                seen.Add(profile.Id);
                await cancellation.CancelAsync();
            }
        }, Throws.InstanceOf<OperationCanceledException>());

        Assert.That(seen, Is.EqualTo(new[] { "k1" }));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Cancelling_while_a_page_request_is_in_flight_cancels_that_request()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var observedCancellation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The transport itself (not MockHttp, which answers a cancelled call on its own) must see the cancellation.
        using var transport = new HttpClient(new HangingHandler(started, observedCancellation));
        using var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = TestClients.BaseUrl, HttpClient = transport });
        using var cancellation = new CancellationTokenSource();

        var walk = AutoPagingWalkTests.CollectAsync(client.Policies.ListPolicyProfilesAutoPagingAsync("prj_1", cancellationToken: cancellation.Token));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();

        Assert.That(async () => await walk, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(async () => await observedCancellation.Task.WaitAsync(TimeSpan.FromSeconds(10)), Throws.Nothing, "the request in flight saw the cancellation");
    }

    /// <summary>Answers only when cancelled, to hold a page request in flight.</summary>
    private sealed class HangingHandler(TaskCompletionSource started, TaskCompletionSource observedCancellation) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                observedCancellation.TrySetResult();
            }

            throw new InvalidOperationException("unreachable");
        }
    }
}
