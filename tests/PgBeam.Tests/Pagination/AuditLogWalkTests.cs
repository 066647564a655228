using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Pagination;

/// <summary>The audit log's timestamp keyset: shared timestamps at page boundaries, ties wider than a page, resuming.</summary>
public class AuditLogWalkTests
{
    private static readonly DateTimeOffset T10 = new(2026, 1, 15, 12, 0, 10, TimeSpan.Zero);
    private static readonly DateTimeOffset T9 = T10.AddSeconds(-1);
    private static readonly DateTimeOffset T8 = T10.AddSeconds(-2);
    private static readonly DateTimeOffset T7 = T10.AddSeconds(-3);

    [Test]
    public async Task A_page_boundary_inside_a_group_of_shared_timestamps_neither_skips_nor_repeats_entries()
    {
        using var mock = new MockHttpMessageHandler();
        using var client = TestClients.Create(mock);
        // Page 1 (4 entries) ends inside the T9 group: c and d are on it, e is not.
        var server = AuditLogServer.Serve(mock,
            ("a", T10), ("b", T10), ("c", T9), ("d", T9), ("e", T9), ("f", T8), ("g", T7));

        var entries = await AutoPagingWalkTests.CollectAsync(
            client.Agents.ListAuditLogsAutoPagingAsync("prj_1", new ListAuditLogsParams { PageSize = 4, Event = "blocked" }));

        Assert.That(entries.Select(e => e.Id), Is.EqualTo(new[] { "a", "b", "c", "d", "e", "f", "g" }));
        // Strictly-older-than T9 + 1 µs is "from T9 inclusively": e is reached, and c and d come back only to be dropped.
        Assert.That(server.Requests.Select(r => r["before"] is { } b ? DateTimeOffset.Parse(b, CultureInfo.InvariantCulture) : (DateTimeOffset?)null),
            Is.EqualTo(new DateTimeOffset?[] { null, T9.AddTicks(10), T8.AddTicks(10) }));
        Assert.That(server.Requests.Select(r => r["event"]), Is.All.EqualTo("blocked"));
        Assert.That(entries.Select(e => e.Ts), Is.Ordered.Descending);
    }

    [Test]
    public async Task More_entries_on_one_timestamp_than_a_page_holds_end_the_walk_with_an_error_after_yielding_each_once()
    {
        using var mock = new MockHttpMessageHandler();
        using var client = TestClients.Create(mock);
        var server = AuditLogServer.Serve(mock,
            ("a", T10), ("b", T9), ("c", T9), ("d", T9), ("e", T9), ("f", T8));

        var yielded = new List<string>();
        var error = Assert.ThrowsAsync<PgBeamPaginationException>(async () =>
        {
            await foreach (var entry in client.Agents.ListAuditLogsAutoPagingAsync("prj_1", new ListAuditLogsParams { PageSize = 3 }))
            {
                yielded.Add(entry.Id);
            }
        });

        Assert.That(error!.Reason, Is.EqualTo(PgBeamPaginationFailure.TimestampTieExceedsPage));
        Assert.That(error.OperationId, Is.EqualTo("listAuditLogs"));
        Assert.That(error.Message, Does.Contain("At least 3 entries of listAuditLogs share the timestamp 2026-01-15T12:00:09.0000000+00:00"));
        Assert.That(error, Is.InstanceOf<PgBeamException>());
        Assert.That(yielded, Is.EqualTo(new[] { "a", "b", "c", "d" }), "what could be read is yielded, once");
        Assert.That(server.Requests, Has.Count.EqualTo(2), "no request is repeated in a loop");
    }

    [Test]
    public async Task A_continuation_token_resumes_right_after_its_page_without_repeating_shared_timestamp_entries()
    {
        using var mock = new MockHttpMessageHandler();
        using var client = TestClients.Create(mock);
        var server = AuditLogServer.Serve(mock,
            ("a", T10), ("b", T10), ("c", T9), ("d", T9), ("e", T9), ("f", T8), ("g", T7));
        var parameters = new ListAuditLogsParams { PageSize = 4 };

        string? token = null;
        await foreach (var page in client.Agents.ListAuditLogsAutoPagingAsync("prj_1", parameters).AsPages())
        {
            Assert.That(page.Items.Select(e => e.Id), Is.EqualTo(new[] { "a", "b", "c", "d" }));
            token = page.ContinuationToken;
            break;
        }

        Assert.That(token, Is.Not.Null.And.Not.Empty);
        var rest = new List<string>();
        string? lastToken = "unset";
        await foreach (var page in client.Agents.ListAuditLogsAutoPagingAsync("prj_1", parameters).AsPages(token))
        {
            rest.AddRange(page.Items.Select(e => e.Id));
            lastToken = page.ContinuationToken;
        }

        Assert.That(rest, Is.EqualTo(new[] { "e", "f", "g" }));
        Assert.That(lastToken, Is.Null, "the last page has no continuation");
        Assert.That(DateTimeOffset.Parse(server.Requests[1]["before"]!, CultureInfo.InvariantCulture), Is.EqualTo(T9.AddTicks(10)));
    }

    [Test]
    public async Task The_callers_before_is_where_the_walk_starts()
    {
        using var mock = new MockHttpMessageHandler();
        using var client = TestClients.Create(mock);
        var server = AuditLogServer.Serve(mock, ("a", T10), ("b", T9), ("c", T8));

        var entries = await AutoPagingWalkTests.CollectAsync(
            client.Agents.ListAuditLogsAutoPagingAsync("prj_1", new ListAuditLogsParams { Before = T9.AddTicks(10) }));

        Assert.That(entries.Select(e => e.Id), Is.EqualTo(new[] { "b", "c" }));
        Assert.That(DateTimeOffset.Parse(server.Requests[0]["before"]!, CultureInfo.InvariantCulture), Is.EqualTo(T9.AddTicks(10)));
        Assert.That(server.Requests[0]["page_size"], Is.EqualTo("20"), "an unset page size is sent as the contract default, the size the walk assumes when it decides a page was the last");
    }

    [Test]
    public void A_page_size_below_two_is_refused_before_anything_is_sent()
    {
        using var mock = new MockHttpMessageHandler();
        using var client = TestClients.Create(mock);
        var server = AuditLogServer.Serve(mock, ("a", T10));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            client.Agents.ListAuditLogsAutoPagingAsync("prj_1", new ListAuditLogsParams { PageSize = 1 }));

        Assert.That(error!.ParamName, Is.EqualTo("parameters.PageSize"));
        Assert.That(server.RequestCount, Is.Zero);
    }

    [Test]
    public void A_continuation_token_the_listing_did_not_issue_is_refused()
    {
        using var mock = new MockHttpMessageHandler();
        using var client = TestClients.Create(mock);

        Assert.That(() => client.Agents.ListAuditLogsAutoPagingAsync("prj_1").AsPages("not-a-token"),
            Throws.ArgumentException.With.Property(nameof(ArgumentException.ParamName)).EqualTo("continuationToken"));
    }

    [Test]
    public void An_entry_without_a_timestamp_is_refused_as_a_serialization_error_naming_it()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When(TestClients.Url(AuditLogServer.Path)).Respond("application/json", """{"entries":[{"id":"a","project_id":"prj_1","event":"query"}]}""");
        using var client = TestClients.Create(mock);

        // ts is required by the contract, so the response itself is refused before the walk could use the entry.
        var error = Assert.ThrowsAsync<PgBeamSerializationException>(async () =>
            await AutoPagingWalkTests.CollectAsync(client.Agents.ListAuditLogsAutoPagingAsync("prj_1")));

        Assert.That(error!.Message, Does.Contain("required field 'ts'"));
    }
}
