using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Pagination;

/// <summary>
/// Walks a listing paged by number (<c>page</c>, <c>page_size</c>, and a <c>total</c> in each response), the support
/// cases' scheme (<c>x-pgbeam-pagination: {style: page}</c>). The walk ends on an empty page or once the items seen
/// reach <c>total</c>; the continuation token is the next page number.
/// </summary>
internal static class PageNumberPager
{
    /// <param name="operationId">The contract operation id, for error messages.</param>
    /// <param name="startPage">The caller's own <c>page</c>, else 1.</param>
    /// <param name="pageSize">
    /// The page size the requests ask for (the caller's, else the contract's default); used only to count the items
    /// before <paramref name="startPage"/> when the walk does not start at page 1.
    /// </param>
    /// <param name="fetchPage">
    /// Sends the one-page call with the caller's filters and the given page number (on a copy of the caller's
    /// parameters, never on them).
    /// </param>
    /// <param name="items">The items of a page.</param>
    /// <param name="total">The response's count of items over every page.</param>
    /// <param name="cancellationToken">The cancellation token the auto-paging method was called with.</param>
    public static PgBeamAsyncPageable<TItem> Create<TResponse, TItem>(
        string operationId,
        int startPage,
        int pageSize,
        Func<int, CancellationToken, Task<TResponse>> fetchPage,
        Func<TResponse, IList<TItem>?> items,
        Func<TResponse, long?> total,
        CancellationToken cancellationToken) =>
        new(
            continuationToken => WalkAsync(continuationToken is null ? startPage : ParsePage(continuationToken), pageSize, fetchPage, items, total),
            cancellationToken);

    private static async IAsyncEnumerable<PgBeamPage<TItem>> WalkAsync<TResponse, TItem>(
        int page,
        int pageSize,
        Func<int, CancellationToken, Task<TResponse>> fetchPage,
        Func<TResponse, IList<TItem>?> items,
        Func<TResponse, long?> total,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Counted from what arrived, so a server whose default page size differs from the contract's cannot end the walk early.
        var seen = (long)(page - 1) * pageSize;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var response = await fetchPage(page, cancellationToken).ConfigureAwait(false);
            var pageItems = PageItems.Of(items(response));
            seen += pageItems.Count;
            var last = pageItems.Count == 0 || (total(response) is { } count && seen >= count);
            yield return new PgBeamPage<TItem>(pageItems, last ? null : (page + 1).ToString(CultureInfo.InvariantCulture));
            if (last)
            {
                yield break;
            }

            page++;
        }
    }

    private static int ParsePage(string continuationToken) =>
        int.TryParse(continuationToken, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1
            ? page
            : throw new ArgumentException("The continuation token is not one this listing issued (it comes from PgBeamPage.ContinuationToken of the same call).", nameof(continuationToken));
}
