namespace PgBeam.ContractTests.Contract;

/// <summary>How a list operation pages: the contract's <c>x-pgbeam-pagination.style</c>, or inferred from its shape.</summary>
public enum PagingStyle
{
    /// <summary><c>page_token</c> in, <c>next_page_token</c> out.</summary>
    Token,

    /// <summary><c>before</c> (strictly older than) and <c>page_size</c> in; items carry <c>ts</c> and <c>id</c>.</summary>
    Keyset,

    /// <summary><c>page</c> (from 1) and <c>page_size</c> in; <c>total</c> out.</summary>
    PageNumber,
}
