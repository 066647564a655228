using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PgBeam.CodeGen.Contract;
using PgBeam.CodeGen.Naming;

namespace PgBeam.CodeGen.Normalization;

/// <summary>
/// Hands the header parameters to the templates, which NSwag's own would drop. Each becomes an entry of the
/// operation's <c>x-pgbeam-headers</c> (header name, camelCase variable after it, description, and whether it only
/// makes sense on the <c>WithResponse</c> variant, as <c>If-None-Match</c> does: its 304 has no body to return).
/// <c>Idempotency-Key</c> is not a parameter: it marks the operation <c>x-pgbeam-idempotency: declared</c>, so the
/// SDK's idempotency (automatic key, <c>RequestOptions.IdempotencyKey</c>) covers it whatever its method. An operation
/// marked <c>x-pgbeam-idempotency: refused</c> in the contract never gets an automatic key. Cookie parameters,
/// required headers, non-string headers and headers the SDK owns stop the build.
/// </summary>
internal static class HeaderParameters
{
    public const string IdempotencyKey = "Idempotency-Key";
    public const string IfNoneMatch = "If-None-Match";

    /// <summary>Headers the SDK's handlers set; an operation cannot take them as parameters.</summary>
    private static readonly HashSet<string> Owned = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "User-Agent", "Accept", "Content-Type", "Content-Length", "Host", "Transfer-Encoding",
    };

    public static void Apply(ContractDocument document, ContractProblems problems)
    {
        PushDownPathHeaders(document);
        foreach (var operation in document.Operations().ToList())
        {
            var headers = new JsonArray();
            foreach (var (parameter, owner, entry) in operation.Parameters())
            {
                var location = ContractDocument.Text(parameter["in"]);
                var name = ContractDocument.Text(parameter["name"]) ?? string.Empty;
                if (location == "cookie")
                {
                    problems.Add($"operation {operation.Id}: cookie parameter {name}; the SDK authenticates with a bearer token and sends no cookies. " +
                        "Remove it from the contract or add cookie support to build/templates.");
                    continue;
                }

                if (location != "header")
                {
                    continue;
                }

                if (name.Equals(IdempotencyKey, StringComparison.OrdinalIgnoreCase))
                {
                    if (ContractDocument.Text(operation.Node["x-pgbeam-idempotency"]) == "refused")
                    {
                        problems.Add($"operation {operation.Id}: declares an Idempotency-Key header and is marked x-pgbeam-idempotency: refused; keep one of the two.");
                    }

                    operation.Node["x-pgbeam-idempotency"] = "declared";
                    owner.Remove(entry);
                    continue;
                }

                if (Owned.Contains(name))
                {
                    problems.Add($"operation {operation.Id}: header parameter {name} is set by the SDK itself; remove it from the contract.");
                    continue;
                }

                if (parameter["required"] is JsonValue required && required.TryGetValue<bool>(out var isRequired) && isRequired)
                {
                    problems.Add($"operation {operation.Id}: required header parameter {name}; the templates generate headers as optional parameters. " +
                        "Make it optional in the contract or extend build/templates/Client.Method.Signature.liquid.");
                    continue;
                }

                var type = ContractDocument.Text(document.Actual(parameter["schema"])?["type"]);
                if (type is not (null or "string"))
                {
                    problems.Add($"operation {operation.Id}: header parameter {name} has type {type}; the templates send header values as strings. " +
                        "State it as a string in the contract.");
                    continue;
                }

                var variable = NameRules.Camel(name);
                headers.Add(new JsonObject
                {
                    ["name"] = name,
                    ["variable"] = variable,
                    ["description"] = ContractDocument.Text(parameter["description"]) ?? $"The {name} request header.",
                    ["responseOnly"] = name.Equals(IfNoneMatch, StringComparison.OrdinalIgnoreCase),
                });
                owner.Remove(entry);
            }

            if (headers.Count > 0)
            {
                operation.Node["x-pgbeam-headers"] = headers;
            }

            if (operation.Responses().Any(r => r.Status == "304"))
            {
                operation.Node["x-pgbeam-not-modified"] = true;
            }
        }
    }

    /// <summary>
    /// Copies the parameters of a path item that declares a header down into each of its operations (before their
    /// own), so a header can be taken out of one operation without touching the others.
    /// </summary>
    private static void PushDownPathHeaders(ContractDocument document)
    {
        foreach (var (_, node) in document.Paths.ToList())
        {
            if (node is not JsonObject pathItem || pathItem["parameters"] is not JsonArray shared
                || !shared.Any(p => ContractDocument.Text(document.Actual(p)?["in"]) == "header"))
            {
                continue;
            }

            foreach (var method in ContractDocument.HttpMethods)
            {
                if (pathItem[method] is not JsonObject operation)
                {
                    continue;
                }

                var own = operation["parameters"] as JsonArray ?? [];
                var merged = new JsonArray();
                foreach (var parameter in shared)
                {
                    var resolved = document.Actual(parameter);
                    var overridden = own.Any(o => ContractDocument.Text(document.Actual(o)?["name"]) == ContractDocument.Text(resolved?["name"])
                        && ContractDocument.Text(document.Actual(o)?["in"]) == ContractDocument.Text(resolved?["in"]));
                    if (!overridden)
                    {
                        merged.Add(parameter!.DeepClone());
                    }
                }

                foreach (var parameter in own.ToList())
                {
                    own.Remove(parameter);
                    merged.Add(parameter);
                }

                operation["parameters"] = merged;
            }

            pathItem.Remove("parameters");
        }
    }
}
