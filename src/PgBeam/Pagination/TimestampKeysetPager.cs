using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Pagination;

/// <summary>
/// Walks a listing sorted newest first and paged by a timestamp keyset (<c>before</c> = strictly older than), the
/// audit log's scheme (<c>x-pgbeam-pagination: {style: keyset}</c>).
/// </summary>
/// <remarks>
/// A page can end in the middle of a group of entries that share its oldest timestamp <c>T</c>. Asking for
/// <c>before = T</c> would skip the rest of that group, so the next request asks for <c>before = T + 1 µs</c>, which
/// returns the group again, and the entries already yielded are dropped by id. That step assumes the server's
/// timestamps resolve to the microsecond, as PostgreSQL's do. When a full page holds nothing but one timestamp the
/// walk cannot get past it (the contract has no finer cursor) and stops with
/// <see cref="PgBeamPaginationFailure.TimestampTieExceedsPage"/> rather than loop or skip. A page shorter than the
/// page size is the last one: the server returns fewer entries only when no more match.
/// </remarks>
internal static class TimestampKeysetPager
{
    /// <summary>The smallest step of the server's timestamps: PostgreSQL <c>timestamptz</c> resolves microseconds.</summary>
    public static readonly TimeSpan TimestampStep = TimeSpan.FromTicks(TimeSpan.TicksPerMillisecond / 1000);

    /// <param name="operationId">The contract operation id, for error messages.</param>
    /// <param name="startBefore">The caller's own <c>before</c>, where the walk starts; null for the newest entries.</param>
    /// <param name="pageSize">The page size the requests ask for (the caller's, else the contract's default).</param>
    /// <param name="fetchPage">
    /// Sends the one-page call with the caller's filters and the given <c>before</c> (on a copy of the caller's
    /// parameters, never on them).
    /// </param>
    /// <param name="items">The items of a page.</param>
    /// <param name="id">The unique id of an item.</param>
    /// <param name="timestamp">The timestamp an item is sorted and paged by.</param>
    /// <param name="cancellationToken">The cancellation token the auto-paging method was called with.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is below 2: a page of one entry cannot tell a shared timestamp from the next one.</exception>
    public static PgBeamAsyncPageable<TItem> Create<TResponse, TItem>(
        string operationId,
        DateTimeOffset? startBefore,
        int pageSize,
        Func<DateTimeOffset?, CancellationToken, Task<TResponse>> fetchPage,
        Func<TResponse, IList<TItem>?> items,
        Func<TItem, string?> id,
        Func<TItem, DateTimeOffset?> timestamp,
        CancellationToken cancellationToken)
    {
        if (pageSize < 2)
        {
            throw new ArgumentOutOfRangeException(
                "parameters.PageSize",
                pageSize,
                $"Auto-paging {operationId} needs a PageSize of at least 2: it re-reads the entries that share a page's oldest timestamp, which a page of one cannot get past.");
        }

        return new(
            continuationToken =>
            {
                var cursor = continuationToken is null
                    ? new TimestampKeysetCursor(startBefore, [])
                    : TimestampKeysetCursor.Decode(continuationToken, nameof(continuationToken));
                return WalkAsync(operationId, cursor, pageSize, fetchPage, items, id, timestamp);
            },
            cancellationToken);
    }

    private static async IAsyncEnumerable<PgBeamPage<TItem>> WalkAsync<TResponse, TItem>(
        string operationId,
        TimestampKeysetCursor cursor,
        int pageSize,
        Func<DateTimeOffset?, CancellationToken, Task<TResponse>> fetchPage,
        Func<TResponse, IList<TItem>?> items,
        Func<TItem, string?> id,
        Func<TItem, DateTimeOffset?> timestamp,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var before = cursor.Before;
        var alreadyYielded = new HashSet<string>(cursor.YieldedIds, StringComparer.Ordinal);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var response = await fetchPage(before, cancellationToken).ConfigureAwait(false);
            var entries = items(response);
            if (entries is null || entries.Count == 0)
            {
                yield return new PgBeamPage<TItem>(Array.Empty<TItem>(), null);
                yield break;
            }

            var oldest = DateTimeOffset.MaxValue;
            var newest = DateTimeOffset.MinValue;
            var fresh = new List<TItem>(entries.Count);
            foreach (var entry in entries)
            {
                var entryTimestamp = timestamp(entry) ?? throw MissingValue(operationId, "timestamp");
                var entryId = id(entry) ?? throw MissingValue(operationId, "id");
                oldest = entryTimestamp < oldest ? entryTimestamp : oldest;
                newest = entryTimestamp > newest ? entryTimestamp : newest;
                if (!alreadyYielded.Contains(entryId))
                {
                    fresh.Add(entry);
                }
            }

            if (entries.Count < pageSize)
            {
                yield return new PgBeamPage<TItem>(fresh, null);
                yield break;
            }

            // The next request starts at the oldest timestamp inclusively; what it returns again is dropped by id.
            var nextBefore = oldest + TimestampStep;
            alreadyYielded.Clear();
            foreach (var entry in entries)
            {
                if (timestamp(entry) == oldest)
                {
                    alreadyYielded.Add(id(entry)!);
                }
            }

            yield return new PgBeamPage<TItem>(fresh, new TimestampKeysetCursor(nextBefore, alreadyYielded).Encode());

            if (oldest == newest)
            {
                throw PgBeamErrorFactory.TimestampTieExceedsPage(operationId, pageSize, oldest);
            }

            if (before is { } current && nextBefore >= current)
            {
                throw PgBeamErrorFactory.CursorDidNotAdvance(operationId, current);
            }

            before = nextBefore;
        }
    }

    private static PgBeamPaginationException MissingValue(string operationId, string what) =>
        PgBeamErrorFactory.MissingCursorValue(operationId, what);
}
