using System.Linq;
using System.Text.Json.Nodes;
using PgBeam.CodeGen.Contract;

namespace PgBeam.CodeGen.Normalization;

/// <summary>
/// Marks token-paged lists from their shape: a GET with a <c>page_token</c> query parameter whose success body has a
/// <c>next_page_token</c> and exactly one array property (of component items) gets
/// <c>x-pgbeam-pagination: {style: token, items: &lt;that property&gt;}</c>, which gives it an
/// <c>&lt;OperationId&gt;AutoPagingAsync</c> companion. An explicit marker in the contract is kept (the audit log's keyset
/// walk and page-number lists need one).
/// </summary>
internal static class PaginationInference
{
    public static void Apply(ContractDocument document)
    {
        foreach (var operation in document.Operations())
        {
            if (!operation.IsGet || operation.Node["x-pgbeam-pagination"] is not null)
            {
                continue;
            }

            var hasPageToken = operation.Parameters().Any(p =>
                ContractDocument.Text(p.Parameter["in"]) == "query" && ContractDocument.Text(p.Parameter["name"]) == "page_token");
            if (!hasPageToken || operation.SuccessBodySchema() is not { } body || body["properties"] is not JsonObject properties
                || !properties.ContainsKey("next_page_token"))
            {
                continue;
            }

            var arrays = properties
                .Where(p => document.Actual(p.Value) is { } s && ContractDocument.Text(s["type"]) == "array")
                .ToList();
            if (arrays.Count == 1 && ContractDocument.ComponentName(document.Actual(arrays[0].Value)?["items"]) is not null)
            {
                operation.Node["x-pgbeam-pagination"] = new JsonObject { ["style"] = "token", ["items"] = arrays[0].Key };
            }
        }
    }
}
