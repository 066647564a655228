using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using PgBeam.Testing.Contract;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;
using PgBeam.Testing.Validation;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// The Machine Payments Protocol side. The catalogue is read from the contract: one resource per operation with
/// <c>x-payment-info</c> (price and currency of its first offer; pack size, unit and pack bounds from the offer's
/// description, "Packs of 1000 queries; 1 to 25 packs"). <c>createBudgetTopup</c>'s 402 without
/// <c>Payment-Authorization</c> is the dispatcher's (<see cref="PaymentChallenge"/>); with it, the bearer token must
/// be the hosted MCP token of a usable agent credential (401 otherwise, 403 for an API key), <c>packs</c> (default 1)
/// must be within the pack bounds, and the purchase is granted: a <c>bgt_</c> grant of packs × pack size queries for
/// the credential, valid 30 days, kept in <c>PgBeamSandbox.BudgetTopups</c>, with a <c>Payment-Receipt</c> header.
/// </summary>
internal static class PaymentsApi
{
    /// <summary>How long bought queries can be spent.</summary>
    public static readonly TimeSpan GrantLifetime = TimeSpan.FromDays(30);

    /// <summary>Names the contract does not state for the resources it prices, by operation id.</summary>
    private static readonly Dictionary<string, (string Id, string Title)> Names = new(StringComparer.Ordinal)
    {
        ["createBudgetTopup"] = ("query_budget_topup", "Query budget top-up"),
    };

    private static readonly Lazy<IReadOnlyList<PaymentResource>> Catalogue = new(() => Read(SandboxContract.Default));

    public static SandboxResult ListResources(SandboxCall call) =>
        SandboxResult.Json(HttpStatusCode.OK, new ListPaymentResourcesResponse { Resources = Catalogue.Value.Select(SandboxCopy.Of).ToList() });

    public static SandboxResult CreateBudgetTopup(SandboxCall call)
    {
        var state = call.State;
        var resource = Catalogue.Value.Single(r => r.OperationId == "createBudgetTopup");
        var token = BearerOf(call);
        if (!token.StartsWith("pba_", StringComparison.Ordinal))
        {
            throw new SandboxProblem(HttpStatusCode.Forbidden, "FORBIDDEN", "Queries are bought by an agent credential: send its hosted MCP token (pba_...) as the bearer token, not an API key.");
        }

        var stored = state.Credentials.Live.FirstOrDefault(c => c.McpToken == token && state.IsUsable(c))
            ?? throw new SandboxProblem(HttpStatusCode.Unauthorized, SandboxProblem.UnauthorizedCode, "The bearer token is not the MCP token of a usable agent credential (revoked, rotated, disabled or expired).");
        var body = call.OptionalBody();
        var packs = body.Integer("packs", minimum: resource.MinPacks, maximum: resource.MaxPacks) ?? 1;

        var amount = packs * resource.AmountPerPack;
        var reference = "pi_" + state.NewSecret(24);
        var receipt = Base64Url(new JObject
        {
            ["status"] = "success",
            ["method"] = "sandbox",
            ["reference"] = reference,
            ["timestamp"] = Rfc3339.Format(call.Now),
        }.ToString(Newtonsoft.Json.Formatting.None));
        var topup = new BudgetTopup
        {
            GrantId = state.NewId("bgt"),
            CredentialId = stored.Credential.Id,
            Queries = packs * resource.UnitsPerPack,
            ExpiresAt = call.Now + GrantLifetime,
            Amount = amount,
            Currency = resource.Currency,
            PaymentReference = reference,
            Receipt = receipt,
        };
        state.BudgetTopups.Add(topup);
        var result = SandboxResult.Json(HttpStatusCode.Created, topup);
        result.Headers.Add(new("Payment-Receipt", receipt));
        result.Headers.Add(new("Cache-Control", "private"));
        return result;
    }

    /// <summary>One resource per priced operation of <paramref name="contract"/>, in the contract's order.</summary>
    public static IReadOnlyList<PaymentResource> Read(SandboxContract contract)
    {
        var resources = new List<PaymentResource>();
        foreach (var operation in contract.Operations)
        {
            var raw = contract.Document["paths"]?[operation.Template]?[operation.Method.ToLowerInvariant()] as JObject;
            if (raw?["x-payment-info"]?["offers"] is not JArray { Count: > 0 } offers || offers[0] is not JObject offer)
            {
                continue;
            }

            var description = (string?)offer["description"] ?? string.Empty;
            var pack = Regex.Match(description, @"(\d+)\s+(\w+)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            var bounds = Regex.Match(description, @"(\d+)\s+to\s+(\d+)\s+packs", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            var (id, title) = Names.TryGetValue(operation.OperationId, out var named) ? named : (operation.OperationId, operation.OperationId);
            resources.Add(new PaymentResource
            {
                Id = id,
                Title = title,
                Description = description.Length == 0 ? null : description,
                Unit = pack.Success ? pack.Groups[2].Value : "units",
                UnitsPerPack = pack.Success ? long.Parse(pack.Groups[1].Value, CultureInfo.InvariantCulture) : 1,
                Currency = (string?)offer["currency"] ?? "usd",
                AmountPerPack = long.TryParse((string?)offer["amount"], NumberStyles.None, CultureInfo.InvariantCulture, out var price) ? price : 0,
                MinPacks = bounds.Success ? long.Parse(bounds.Groups[1].Value, CultureInfo.InvariantCulture) : 1,
                MaxPacks = bounds.Success ? long.Parse(bounds.Groups[2].Value, CultureInfo.InvariantCulture) : 1,
                OperationId = operation.OperationId,
            });
        }

        return resources;
    }

    private static string BearerOf(SandboxCall call)
    {
        var header = call.Header("Authorization") ?? string.Empty;
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : string.Empty;
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
