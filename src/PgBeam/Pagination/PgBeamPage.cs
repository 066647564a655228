using System;
using System.Collections.Generic;

namespace PgBeam;

/// <summary>
/// One page of a listing walked by an auto-paging method: the items it brought and the token that continues the
/// walk after it.
/// </summary>
/// <typeparam name="T">The item type of the listing.</typeparam>
public sealed class PgBeamPage<T>
{
    /// <summary>Creates a page (for tests and for <see cref="PgBeamAsyncPageable{T}.FromPages"/>).</summary>
    /// <param name="items">The page's items.</param>
    /// <param name="continuationToken">Where the walk continues after this page; <see langword="null"/> on the last page.</param>
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is null.</exception>
    public PgBeamPage(IReadOnlyList<T> items, string? continuationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items;
        ContinuationToken = string.IsNullOrEmpty(continuationToken) ? null : continuationToken;
    }

    /// <summary>
    /// The items of this page, in the order the server returned them. For the audit log an entry that an earlier
    /// page already yielded (entries sharing the timestamp a page ended on) is left out.
    /// </summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>
    /// Pass it to <see cref="PgBeamAsyncPageable{T}.AsPages"/> to continue the walk after this page, now or in another
    /// process (the same call, arguments and filters are needed). <see langword="null"/> when this is the last page.
    /// Opaque: its format differs between listings and may change.
    /// </summary>
    public string? ContinuationToken { get; }

    /// <summary>Describes the page without its items.</summary>
    public override string ToString() =>
        $"PgBeamPage {{ Items = {Items.Count}, ContinuationToken = {(ContinuationToken is null ? "none (last page)" : "set")} }}";
}
