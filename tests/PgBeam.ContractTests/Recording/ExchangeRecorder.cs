using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PgBeam.ContractTests.Contract;

namespace PgBeam.ContractTests.Recording;

/// <summary>
/// Sits in the <see cref="HttpClient"/> handed to the SDK (after its whole pipeline, right before the socket) and
/// records every request as it goes to Prism: the contract operation its method and path match, the query keys, the
/// JSON body's field paths, and Prism's verdict from the <c>sl-violations</c> response header.
/// </summary>
internal sealed class ExchangeRecorder : DelegatingHandler
{
    /// <summary>The header in which Prism lists why a request breaks the contract.</summary>
    public const string ViolationsHeader = "sl-violations";

    private readonly ContractDocument _contract;
    private readonly IReadOnlyList<ExchangeLog> _logs;

    public ExchangeRecorder(ContractDocument contract, HttpMessageHandler inner, params ExchangeLog[] logs)
        : base(inner)
    {
        _contract = contract;
        _logs = logs;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("A request without a URI.");
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var (fields, nulls) = body is null ? (new HashSet<string>(), new HashSet<string>()) : FieldsOf(body);

        var started = Stopwatch.GetTimestamp();
        var response = await base.SendAsync(request, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var exchange = new RecordedExchange(
            request.Method.Method,
            uri.AbsolutePath,
            _contract.Match(request.Method.Method, uri.AbsolutePath)?.OperationId,
            QueryKeys(uri),
            body is not null,
            fields,
            nulls,
            response.StatusCode,
            Violations(response),
            elapsed)
        {
            Query = Query(uri),
            Headers = request.Headers.NonValidated.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        };
        foreach (var log in _logs)
        {
            log.Add(exchange);
        }

        return response;
    }

    private static (IReadOnlySet<string>, IReadOnlySet<string>) FieldsOf(string body)
    {
        try
        {
            return JsonFieldPaths.Of(JToken.Parse(body));
        }
        catch (JsonReaderException)
        {
            return (new HashSet<string> { "<body is not JSON>" }, new HashSet<string>());
        }
    }

    private static List<string> QueryKeys(Uri uri) => Query(uri).Select(pair => pair.Key).ToList();

    private static List<KeyValuePair<string, string>> Query(Uri uri) =>
        uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => KeyValuePair.Create(Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : string.Empty))
            .ToList();

    private static List<PrismViolation> Violations(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues(ViolationsHeader, out var values))
        {
            return [];
        }

        var violations = new List<PrismViolation>();
        foreach (var value in values)
        {
            try
            {
                foreach (var item in JArray.Parse(value).OfType<JObject>())
                {
                    violations.Add(new PrismViolation(
                        item["location"]?.Values<string>().OfType<string>().ToList() ?? [],
                        (string?)item["severity"] ?? "Error",
                        (string?)item["code"] ?? "?",
                        (string?)item["message"] ?? value));
                }
            }
            catch (JsonReaderException)
            {
                violations.Add(new PrismViolation([], "Error", "unreadable-header", value));
            }
        }

        return violations;
    }
}
