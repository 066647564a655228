using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using PgBeam.ContractTests.Calls;
using PgBeam.ContractTests.Contract;
using PgBeam.ContractTests.Derivation;
using PgBeam.Tests.Support;

namespace PgBeam.Tests.Pagination;

/// <summary>
/// Every paginated list operation of the contract (marked with <c>x-pgbeam-pagination</c>, or a token-paged list by
/// its shape), for the walk tests: no list here, so a list added to the contract is walked the moment it appears.
/// </summary>
public static class PagedListings
{
    /// <summary>What a walk must not set itself: where to start is the walk's business.</summary>
    private static readonly string[] StartingPoints = ["page_token", "page", "before"];

    public static IEnumerable<PagedListing> All() =>
        TestContract.Document.PublicOperations.Where(o => o.Pagination is not null).Select(For);

    public static PagedListing For(string operationId) => For(TestContract.Document[operationId]);

    private static PagedListing For(ContractOperation operation)
    {
        var pagination = operation.Pagination!;
        var binding = OperationBinding.Bind(operation);
        var overrides = operation.QueryParameters
            .Where(p => StartingPoints.Contains(p.Name) || p.Name == "page_size")
            .ToDictionary(p => p.Name, p => p.Name == "page_size" ? (object?)2 : null);
        var call = binding.Derive(binding.Method, CallVariant.AllFields, overrides);

        var where = $"{operation.OperationId} response {pagination.ItemsProperty}[]";
        var page = operation.SuccessResponses.First(r => r.Status == 200).Schema
            ?? throw new DerivationException($"{operation}: a paged list whose 200 response has no schema.");
        var item = page.Property(pagination.ItemsProperty)?.Items
            ?? throw new DerivationException($"{operation}: the paged items '{pagination.ItemsProperty}' are not an array property of the response.");
        var key = item.Property("id") is not null
            ? "id"
            : item.Properties.Select(p => p.Name).FirstOrDefault(name => item.Required.Contains(name) && item.Property(name)!.Type == "string")
                ?? throw new DerivationException($"{where} has neither 'id' nor a required string property to tell items apart.");

        return new PagedListing(operation.OperationId, pagination.Style, call.Path, pagination.ItemsProperty, key, call.QueryValues)
        {
            ItemTemplate = (JObject)ResponseJson.Build(item, complete: true, where),
            Operation = operation,
            Call = call,
        };
    }
}
