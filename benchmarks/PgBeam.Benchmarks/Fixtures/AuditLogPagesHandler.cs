using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http;

namespace PgBeam.Benchmarks.Fixtures;

/// <summary>
/// Serves a synthetic audit log of <see cref="TotalEntries"/> entries the way the API pages it: newest first,
/// <c>before</c> = strictly older than, <c>page_size</c> entries at most. Each distinct page is serialized once and
/// then served from memory, so a walk measures the client, not the fixture.
/// </summary>
public sealed class AuditLogPagesHandler : CannedResponseHandler
{
    private readonly ConcurrentDictionary<(int First, int Count), byte[]> _pages = new();

    public AuditLogPagesHandler(int totalEntries)
        : base([])
    {
        TotalEntries = totalEntries;
    }

    public int TotalEntries { get; }

    /// <summary>The first entry strictly older than <paramref name="before"/>.</summary>
    public static int FirstOlderThan(DateTimeOffset before)
    {
        // Entry i is i ms older than the newest, so the first one strictly older is floor(gap / 1 ms) + 1.
        var gap = (ApiFixtures.NewestAuditTimestamp - before).Ticks;
        return gap < 0 ? 0 : (int)(gap / TimeSpan.TicksPerMillisecond) + 1;
    }

    protected override byte[] BodyFor(HttpRequestMessage request)
    {
        var uri = request.RequestUri!.OriginalString.AsSpan();
        var pageSize = 20;
        if (QueryValue(uri, "page_size=") is { Length: > 0 } size)
        {
            pageSize = int.Parse(size, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        var first = 0;
        if (QueryValue(uri, "before=") is { Length: > 0 } escaped)
        {
            Span<char> text = stackalloc char[escaped.Length];
            if (!Uri.TryUnescapeDataString(escaped, text, out var written))
            {
                throw new FormatException("The before parameter is not escaped correctly.");
            }

            first = FirstOlderThan(DateTimeOffset.Parse(text[..written], CultureInfo.InvariantCulture));
        }

        var count = Math.Clamp(TotalEntries - first, 0, pageSize);
        return _pages.GetOrAdd((first, count), static key => ApiFixtures.AuditLogPage(key.First, key.Count));
    }

    private static ReadOnlySpan<char> QueryValue(ReadOnlySpan<char> uri, string name)
    {
        var query = uri.IndexOf('?');
        if (query < 0)
        {
            return default;
        }

        var rest = uri[(query + 1)..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf('&');
            var pair = end < 0 ? rest : rest[..end];
            if (pair.StartsWith(name, StringComparison.Ordinal))
            {
                return pair[name.Length..];
            }

            rest = end < 0 ? default : rest[(end + 1)..];
        }

        return default;
    }
}
