using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Newtonsoft.Json.Linq;
using PgBeam.ContractTests.Contract;
using PgBeam.ContractTests.Derivation;

namespace PgBeam.Tests.Pagination;

/// <summary>
/// One paginated list operation as the walk tests drive it, derived from the contract: how it pages, where its call
/// goes, how its pages and items look, the filters its call sets (expected verbatim on every page request), and the
/// walk through its auto-paging companion.
/// </summary>
public sealed record PagedListing(
    string OperationId,
    PagingStyle Style,
    string Path,
    string ItemsProperty,
    string KeyProperty,
    IReadOnlyDictionary<string, string> Filters)
{
    /// <summary>An item as the contract describes it, every field set; the servers put each page's keys into copies of it.</summary>
    internal JObject ItemTemplate { get; init; } = [];

    internal ContractOperation Operation { get; init; } = null!;

    internal DerivedCall Call { get; init; } = null!;

    /// <summary>The parameters object the walk is called with (the caller's, which the walk must not change), or null.</summary>
    public object? Parameters => Call.Parameters;

    /// <summary>The <c>page_size</c> the call sets (every walk sets one).</summary>
    public int PageSize => int.Parse(Filters["page_size"], CultureInfo.InvariantCulture);

    /// <summary>Walks the listing through <c>&lt;OperationId&gt;AutoPagingAsync</c> and yields each item's key.</summary>
    public async IAsyncEnumerable<string> Walk(PgBeamClient client, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The walk's cancellation token goes to the auto-paging method itself, as a caller would pass it.
        await foreach (var item in Call.Walk(client, cancellationToken))
        {
            var property = RequestValues.JsonProperties(item.GetType()).GetValueOrDefault(KeyProperty)
                ?? throw new InvalidOperationException($"{item.GetType().Name} has no property for '{KeyProperty}'.");
            yield return Convert.ToString(property.GetValue(item), CultureInfo.InvariantCulture)!;
        }
    }

    public override string ToString() => OperationId;
}
