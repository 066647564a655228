using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Pagination;

/// <summary>
/// Walks a listing paged by an opaque cursor: each request sends <c>page_token</c>, each response names the next one
/// in <c>next_page_token</c>, and an absent or empty token ends the walk (a short page does not). Generated
/// <c>…AutoPagingAsync</c> methods of operations marked <c>x-pgbeam-pagination: {style: token}</c> delegate here.
/// </summary>
internal static class TokenPager
{
    /// <param name="operationId">The contract operation id, for error messages.</param>
    /// <param name="startToken">The caller's own <c>page_token</c>, where the walk starts; null for the first page.</param>
    /// <param name="fetchPage">
    /// Sends the one-page call with the caller's filters and the given page token (on a copy of the caller's
    /// parameters, never on them).
    /// </param>
    /// <param name="items">The items of a page.</param>
    /// <param name="nextToken">The <c>next_page_token</c> of a page.</param>
    /// <param name="cancellationToken">The cancellation token the auto-paging method was called with.</param>
    public static PgBeamAsyncPageable<TItem> Create<TResponse, TItem>(
        string operationId,
        string? startToken,
        Func<string?, CancellationToken, Task<TResponse>> fetchPage,
        Func<TResponse, IList<TItem>?> items,
        Func<TResponse, string?> nextToken,
        CancellationToken cancellationToken) =>
        new(continuationToken => WalkAsync(operationId, continuationToken ?? NullIfEmpty(startToken), fetchPage, items, nextToken), cancellationToken);

    private static async IAsyncEnumerable<PgBeamPage<TItem>> WalkAsync<TResponse, TItem>(
        string operationId,
        string? pageToken,
        Func<string?, CancellationToken, Task<TResponse>> fetchPage,
        Func<TResponse, IList<TItem>?> items,
        Func<TResponse, string?> nextToken,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Every token asked with so far: a server that sends one back, right away or after a cycle (A, B, A), would
        // make the walk repeat pages forever. Tokens are short, so this stays small next to one page of items.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (pageToken is not null)
        {
            seen.Add(pageToken);
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var response = await fetchPage(pageToken, cancellationToken).ConfigureAwait(false);
            var next = NullIfEmpty(nextToken(response));
            yield return new PgBeamPage<TItem>(PageItems.Of(items(response)), next);

            if (next is null)
            {
                yield break;
            }

            if (!seen.Add(next))
            {
                throw PgBeamErrorFactory.RepeatedPageToken(operationId);
            }

            pageToken = next;
        }
    }

    private static string? NullIfEmpty(string? token) => string.IsNullOrEmpty(token) ? null : token;
}
