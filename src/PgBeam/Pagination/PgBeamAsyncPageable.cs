using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam;

/// <summary>
/// The result of an auto-paging method (<c>ListProjectsAutoPagingAsync</c>, <c>ListAuditLogsAutoPagingAsync</c>, …):
/// every item of a listing, across pages, fetched one page at a time as the enumeration reaches it.
/// </summary>
/// <remarks>
/// <para>
/// Enumerate it with <c>await foreach</c> for the items, or call <see cref="AsPages"/> for the pages and their
/// continuation tokens (to stop and resume later). Nothing is sent until the enumeration starts; each enumeration
/// walks the listing again from the start, with the arguments and filters the method was called with.
/// </para>
/// <para>
/// Only the current page is held in memory. Cancellation is honoured from the method's <c>cancellationToken</c> and
/// from <see cref="GetAsyncEnumerator"/> / <c>WithCancellation</c>: it cancels a page request in flight, and no further
/// page is requested once it is signalled.
/// </para>
/// </remarks>
/// <typeparam name="T">The item type of the listing.</typeparam>
public class PgBeamAsyncPageable<T> : IAsyncEnumerable<T>
{
    private readonly Func<string?, IAsyncEnumerable<PgBeamPage<T>>>? _pageSource;
    private readonly CancellationToken _callCancellation;

    /// <summary>For mocking and derived types: an instance whose <see cref="AsPages"/> must be overridden.</summary>
    protected PgBeamAsyncPageable()
    {
    }

    /// <param name="pageSource">
    /// Starts a walk: from the caller's arguments when given <see langword="null"/>, else after the page whose
    /// continuation token it is given. It may throw at once for a malformed token; the walk it returns is lazy and
    /// observes the token passed to its enumerator.
    /// </param>
    /// <param name="callCancellation">The cancellation token the auto-paging method was called with.</param>
    internal PgBeamAsyncPageable(Func<string?, IAsyncEnumerable<PgBeamPage<T>>> pageSource, CancellationToken callCancellation)
    {
        _pageSource = pageSource;
        _callCancellation = callCancellation;
    }

    /// <summary>
    /// The listing page by page. Each page holds its items and the token that continues after it, so a caller can
    /// stop (for example at the end of a batch job) and resume later with the same call.
    /// </summary>
    /// <param name="continuationToken">
    /// <see langword="null"/> to start where the method's arguments say; otherwise a
    /// <see cref="PgBeamPage{T}.ContinuationToken"/> from an earlier walk of the same call, to continue right after
    /// that page.
    /// </param>
    /// <returns>The pages, requested one at a time as the enumeration reaches them.</returns>
    /// <exception cref="ArgumentException"><paramref name="continuationToken"/> is not a token this listing issued.</exception>
    public virtual IAsyncEnumerable<PgBeamPage<T>> AsPages(string? continuationToken = null)
    {
        if (_pageSource is null)
        {
            throw new NotSupportedException($"A type derived from {nameof(PgBeamAsyncPageable<T>)} through its protected constructor must override {nameof(AsPages)}.");
        }

        return WithCallCancellation(_pageSource(string.IsNullOrEmpty(continuationToken) ? null : continuationToken));
    }

    /// <summary>Enumerates every item of every page, requesting the next page only when the current one is used up.</summary>
    /// <param name="cancellationToken">Stops the walk; combined with the token the auto-paging method was called with.</param>
    /// <returns>An enumerator over the items.</returns>
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_callCancellation, cancellationToken);
        var token = linked.Token;
        await foreach (var page in AsPages().WithCancellation(token).ConfigureAwait(false))
        {
            foreach (var item in page.Items)
            {
                token.ThrowIfCancellationRequested();
                yield return item;
            }
        }
    }

    /// <summary>
    /// A pageable over pages already in memory, for tests of code that consumes an auto-paging method (return it from
    /// a mocked service). <see cref="AsPages"/> with a continuation token resumes after the page that carries it.
    /// </summary>
    /// <param name="pages">The pages, in order.</param>
    /// <returns>A pageable that yields <paramref name="pages"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pages"/> is null.</exception>
    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "PgBeamAsyncPageable<Project>.FromPages(pages) reads as what it makes, as Azure's AsyncPageable<T>.FromPages does.")]
    public static PgBeamAsyncPageable<T> FromPages(IEnumerable<PgBeamPage<T>> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        return new PgBeamAsyncPageable<T>(
            continuationToken =>
            {
                if (continuationToken is not null && !pages.Any(page => string.Equals(page.ContinuationToken, continuationToken, StringComparison.Ordinal)))
                {
                    throw new ArgumentException("No page of this pageable carries that continuation token.", nameof(continuationToken));
                }

                return ReplayPagesAsync(pages, continuationToken);
            },
            CancellationToken.None);
    }

    private async IAsyncEnumerable<PgBeamPage<T>> WithCallCancellation(
        IAsyncEnumerable<PgBeamPage<T>> pages,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_callCancellation, cancellationToken);
        await foreach (var page in pages.WithCancellation(linked.Token).ConfigureAwait(false))
        {
            yield return page;
        }
    }

#pragma warning disable CS1998 // An in-memory replay has nothing to await; it is async to be an IAsyncEnumerable.
    private static async IAsyncEnumerable<PgBeamPage<T>> ReplayPagesAsync(
        IEnumerable<PgBeamPage<T>> pages,
        string? continuationToken,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
#pragma warning restore CS1998
    {
        var started = continuationToken is null;
        foreach (var page in pages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (started)
            {
                yield return page;
            }
            else if (string.Equals(page.ContinuationToken, continuationToken, StringComparison.Ordinal))
            {
                started = true;
            }
        }
    }
}
