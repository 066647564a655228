namespace PgBeam.ContractTests.Contract;

/// <summary>
/// How a list operation pages, and which array property of its response holds the items. <see cref="Inferred"/> when
/// the contract has no <c>x-pgbeam-pagination</c> marker and the shape says it: a GET with a <c>page_token</c> query
/// parameter whose response has <c>next_page_token</c> and exactly one array property.
/// </summary>
internal sealed record ContractPagination(PagingStyle Style, string ItemsProperty, bool Inferred);
