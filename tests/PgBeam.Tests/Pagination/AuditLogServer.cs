using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Web;
using Newtonsoft.Json;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Pagination;

/// <summary>
/// A fake <c>listAuditLogs</c> endpoint that pages the way the server is specified to: newest first, <c>before</c>
/// = strictly older than, at most <c>page_size</c> entries (20 when absent). Entries come from a generator by index
/// (index 0 is the newest; timestamps never increase with the index), so no entry exists in memory until a page
/// needs it: each page is found by binary search over the generator and written on demand.
/// </summary>
internal sealed class AuditLogServer
{
    public const string Path = "/v1/projects/prj_1/audit-logs";

    private readonly long _count;
    private readonly Func<long, (string Id, DateTimeOffset Ts)> _entry;

    private AuditLogServer(long count, Func<long, (string Id, DateTimeOffset Ts)> entry, bool recordRequests)
    {
        _count = count;
        _entry = entry;
        RecordRequests = recordRequests;
    }

    public bool RecordRequests { get; }

    /// <summary>The query of each request, when <see cref="RecordRequests"/>.</summary>
    public List<NameValueCollection> Requests { get; } = [];

    /// <summary>How many requests were answered.</summary>
    public int RequestCount { get; private set; }

    /// <summary>Serves <paramref name="count"/> entries made by <paramref name="entry"/> on <paramref name="mock"/>.</summary>
    public static AuditLogServer Serve(MockHttpMessageHandler mock, long count, Func<long, (string Id, DateTimeOffset Ts)> entry, bool recordRequests = true)
    {
        var server = new AuditLogServer(count, entry, recordRequests);
        mock.When(HttpMethod.Get, TestClients.Url(Path)).Respond(server.Respond);
        return server;
    }

    /// <summary>Serves the given entries, newest first.</summary>
    public static AuditLogServer Serve(MockHttpMessageHandler mock, params (string Id, DateTimeOffset Ts)[] entries) =>
        Serve(mock, entries.Length, i => entries[i]);

    /// <summary>The timestamp format of the API (PostgreSQL's microseconds, UTC).</summary>
    public static string Format(DateTimeOffset ts) => ts.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private HttpResponseMessage Respond(HttpRequestMessage request)
    {
        var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
        RequestCount++;
        if (RecordRequests)
        {
            Requests.Add(query);
        }

        var pageSize = int.Parse(query["page_size"] ?? "20", CultureInfo.InvariantCulture);
        var first = query["before"] is { } before
            ? FirstOlderThan(DateTimeOffset.Parse(before, CultureInfo.InvariantCulture))
            : 0;

        var body = new MemoryStream();
        using (var writer = new JsonTextWriter(new StreamWriter(body, leaveOpen: true)))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("entries");
            writer.WriteStartArray();
            for (var i = first; i < _count && i < first + pageSize; i++)
            {
                var (id, ts) = _entry(i);
                writer.WriteStartObject();
                writer.WritePropertyName("id");
                writer.WriteValue(id);
                writer.WritePropertyName("project_id");
                writer.WriteValue("prj_1");
                writer.WritePropertyName("event");
                writer.WriteValue("blocked");
                writer.WritePropertyName("sql");
                writer.WriteValue("select * from orders where id = $1");
                writer.WritePropertyName("ts");
                writer.WriteValue(Format(ts));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        body.Position = 0;
        var content = new StreamContent(body);
        content.Headers.ContentType = new("application/json");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    /// <summary>The first index whose timestamp is strictly older than <paramref name="before"/>.</summary>
    private long FirstOlderThan(DateTimeOffset before)
    {
        long low = 0, high = _count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (_entry(middle).Ts < before)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}
