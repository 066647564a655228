namespace PgBeam.Tests.Pagination;

/// <summary>How a listing pages, as its contract marker <c>x-pgbeam-pagination.style</c> says.</summary>
public enum PagingStyle
{
    Token,
    Keyset,
    PageNumber,
}
