using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using PgBeam.Testing.Contract;

namespace PgBeam.Testing.Routing;

/// <summary>
/// The 402 of a priced operation, read from the contract: an operation that declares a 402 and a
/// <c>Payment-Authorization</c> header is answered, when that header is missing, with the declared 402 body (a payment
/// problem built from its schema) and a <c>Payment</c> challenge in <c>WWW-Authenticate</c>, never stored by a cache.
/// With the header (any value: the sandbox takes no money) the call goes through. The dispatcher applies it to every
/// route, modelled or derived, after authentication and before the endpoint, so a 402 is never kept for idempotent replay.
/// </summary>
internal static class PaymentChallenge
{
    public const string AuthorizationHeader = "Payment-Authorization";

    /// <summary>The 402 to answer, or null when the operation is not priced or the call carries a payment.</summary>
    public static SandboxResult? For(ContractOperation operation, SandboxCall call, SandboxContract contract)
    {
        if (operation.ResponseFor(402) is not { } declared
            || !operation.Parameters.Any(p => p.Location == "header" && string.Equals(p.Name, AuthorizationHeader, StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrWhiteSpace(call.Header(AuthorizationHeader)))
        {
            return null;
        }

        var challengeId = call.State.NewId("ch");
        var (mediaType, schema) = declared.Content.FirstOrDefault(c => ContractOperation.IsJson(c.Key));
        var body = schema is null
            ? new JObject()
            : new SchemaSampler(contract, new SampleContext(new Random(402), call.Now, call.PathValues, null)).ForResponse(schema) as JObject ?? [];
        var declaredMembers = schema is null ? [] : contract.Flatten(schema).Properties.Keys.ToHashSet(StringComparer.Ordinal);
        void Set(string name, JToken value)
        {
            if (declaredMembers.Contains(name))
            {
                body[name] = value;
            }
        }

        Set("type", "https://paymentauth.org/problems/payment-required");
        Set("title", "Payment Required");
        Set("status", 402);
        Set("detail", $"{operation.OperationId} is priced and the request carried no {AuthorizationHeader}: pay the challenge in WWW-Authenticate, then send the request again with the credential (the sandbox accepts any).");
        Set("challengeId", challengeId);

        var request = Base64Url(new JObject { ["amount"] = "0.00", ["currency"] = "usd", ["operation"] = operation.OperationId }.ToString(Newtonsoft.Json.Formatting.None));
        var expires = call.Now.AddMinutes(5).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var result = SandboxResult.Text(HttpStatusCode.PaymentRequired, mediaType ?? SandboxResult.ProblemMediaType, body.ToString(Newtonsoft.Json.Formatting.None));
        result.Headers.Add(new("WWW-Authenticate",
            $"Payment id=\"{challengeId}\", realm=\"sandbox.pgbeam.invalid\", method=\"sandbox\", intent=\"charge\", request=\"{request}\", expires=\"{expires}\""));
        result.Headers.Add(new("Cache-Control", "no-store"));
        return result;
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
