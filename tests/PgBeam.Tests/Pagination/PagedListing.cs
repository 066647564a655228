using System;
using System.Collections.Generic;
using System.Threading;

namespace PgBeam.Tests.Pagination;

/// <summary>
/// One paginated list operation as the walk tests drive it: where it is served, how its pages look, the filters its
/// call sets (expected verbatim on every page request), and how to walk it through its auto-paging companion.
/// </summary>
public sealed record PagedListing(
    string OperationId,
    PagingStyle Style,
    string Path,
    string ItemsProperty,
    string KeyProperty,
    IReadOnlyDictionary<string, string> Filters,
    Func<object> CreateParameters,
    Func<PgBeamClient, object, CancellationToken, IAsyncEnumerable<string>> Walk)
{
    /// <summary>The <c>page_size</c> the call sets (every listing's filters include one).</summary>
    public int PageSize => int.Parse(Filters["page_size"], System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() => OperationId;
}
