using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Newtonsoft.Json.Linq;
using PgBeam.ContractTests.Contract;
using PgBeam.ContractTests.Recording;

namespace PgBeam.Tests.Support;

/// <summary>A request the fake network saw, described the way the Prism suite describes what reached Prism, so the same checks apply.</summary>
internal static class SentExchange
{
    public static RecordedExchange ToExchange(this SentRequest request, ContractDocument contract, HttpStatusCode status)
    {
        var uri = new Uri(request.Url);
        var query = uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => KeyValuePair.Create(Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : string.Empty))
            .ToList();
        var (fields, nulls) = request.Body is null ? (new HashSet<string>(), new HashSet<string>()) : JsonFieldPaths.Of(JToken.Parse(request.Body));
        return new RecordedExchange(
            request.Method.Method,
            uri.AbsolutePath,
            contract.Match(request.Method.Method, uri.AbsolutePath)?.OperationId,
            query.Select(pair => pair.Key).ToList(),
            request.Body is not null,
            fields,
            nulls,
            status,
            [],
            TimeSpan.Zero)
        {
            Query = query,
            Headers = request.Headers,
        };
    }
}
