using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using PgBeam.Testing.Contract;
using PgBeam.Testing.Protocol;
using PgBeam.Testing.State;
using PgBeam.Testing.Validation;

namespace PgBeam.Testing.Routing;

/// <summary>
/// One request, start to finish, under the state lock: routing, injected faults, then the API's protocol rules in
/// the order a server applies them (authentication, body size and type, idempotent replay, <c>If-Match</c>), the
/// endpoint, and on the way out <c>ETag</c> and <c>If-None-Match</c>. Errors leave as problem documents.
/// </summary>
internal sealed class SandboxDispatcher(SandboxState state, SandboxFaults faults, SandboxRouteTable table)
{
    /// <summary>The API's request body limit: 2 MiB.</summary>
    public const int MaxBodyBytes = 2 * 1024 * 1024;

    private static readonly string[] MaskedHeaders = ["Authorization", "Proxy-Authorization", "X-Internal-Secret", "X-Api-Key", "Payment-Authorization"];

    public SandboxRouteTable Table => table;

    public HttpResponseMessage Dispatch(HttpRequestMessage request, byte[]? body)
    {
        var uri = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : throw new InvalidOperationException("The PgBeam sandbox needs an absolute request URI: set HttpClient.BaseAddress or PgBeamClientOptions.BaseUrl.");
        if (body is { Length: 0 })
        {
            body = null;
        }

        var method = request.Method.Method.ToUpperInvariant();
        var segments = uri.AbsolutePath.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var query = QueryParameters.Parse(uri.Query);

        lock (state.Gate)
        {
            var record = new SandboxRequest(method, uri.AbsolutePath, query.Pairs, body is null ? null : Encoding.UTF8.GetString(body), CollectHeaders(request), state.Clock.GetUtcNow())
            {
                RequestId = state.NewId("req"),
            };
            state.Requests.Add(record);

            var route = table.Resolve(method, segments, out var pathValues, out var allowedMethods);
            record.OperationId = route?.OperationId;
            var fault = faults.TakeFor(record.OperationId);
            record.Fault = fault?.Kind;
            if (fault?.Kind == SandboxFaultKind.ConnectionFailure)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, "The connection to the PgBeam sandbox failed (fault injected by the sandbox).");
            }

            SandboxResult result;
            try
            {
                result = fault is { Status: { } status }
                    ? SandboxResult.Error(status, fault.ErrorCode!, fault.Message!, fault.RetryAfter)
                    : Process(request, method, uri.AbsolutePath, route, pathValues, allowedMethods, query, body, record);
            }
            catch (SandboxProblem problem)
            {
                result = SandboxResult.From(problem);
            }

            result = result.Rendered(record.RequestId, uri.AbsolutePath, route?.Operation, table.Contract);
            record.StatusCode = result.Status;
            record.ErrorCode = result.ErrorCode;
            if (fault?.Kind == SandboxFaultKind.ResponseLost)
            {
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "The PgBeam sandbox processed the request, then the connection dropped before the answer arrived (fault injected by the sandbox).");
            }

            return ToResponse(request, result, record);
        }
    }

    private SandboxResult Process(
        HttpRequestMessage request,
        string method,
        string path,
        SandboxRoute? route,
        Dictionary<string, string> pathValues,
        IReadOnlyList<string> allowedMethods,
        QueryParameters query,
        byte[]? body,
        SandboxRequest record)
    {
        if (route is null)
        {
            if (allowedMethods.Count > 0)
            {
                var result = SandboxResult.Error(HttpStatusCode.MethodNotAllowed, SandboxProblem.MethodNotAllowedCode, $"{method} is not an operation of {path}; it takes {string.Join(", ", allowedMethods)}.");
                result.Headers.Add(new("Allow", string.Join(", ", allowedMethods)));
                return result;
            }

            return SandboxResult.Error(HttpStatusCode.NotFound, SandboxProblem.NotFoundCode, $"No operation of the PgBeam API matches {method} {path}.");
        }

        if (route.RequiresAuthentication && !HasBearerKey(request))
        {
            return SandboxResult.Error(HttpStatusCode.Unauthorized, SandboxProblem.UnauthorizedCode, "Missing API key: send 'Authorization: Bearer <key>' (the sandbox accepts any key).");
        }

        if (route.Endpoint is null)
        {
            return SandboxResult.Error(
                HttpStatusCode.NotImplemented,
                SandboxProblem.NotImplementedCode,
                $"The PgBeam sandbox does not offer {route.OperationId} ({route.Method} {route.Template}): {route.NotOfferedReason}. See PgBeamSandbox.ModelledOperations and DerivedOperations.");
        }

        CheckBody(request, body);

        // A priced operation's challenge comes before the endpoint, modelled or derived, and is never kept for replay.
        var call = new SandboxCall(state, pathValues, query, body, name => HeaderOf(request, name));
        if (PaymentChallenge.For(route.Operation, call, table.Contract) is { } paymentRequired)
        {
            return paymentRequired;
        }

        var idempotencyKey = IdempotencyKeyOf(request, method, route);
        string? fingerprint = null;
        if (idempotencyKey is not null)
        {
            fingerprint = method + " " + path + " " + Convert.ToHexString(SHA256.HashData(body ?? []));
            if (state.IdempotencyKeys.TryGetValue(idempotencyKey, out var earlier))
            {
                if (earlier.Fingerprint != fingerprint)
                {
                    return SandboxResult.Error(HttpStatusCode.Conflict, ErrorCode.IdempotencyKeyReused.Value, "This Idempotency-Key was already used with a different request; use a new key for a new request.");
                }

                record.Replayed = true;
                record.RequestId = earlier.RequestId;
                return earlier.Result;
            }
        }

        if (CheckIfMatch(request, route, call) is { } refused)
        {
            return refused;
        }

        SandboxResult answer;
        try
        {
            answer = route.Endpoint(call);
        }
        catch (SandboxProblem problem)
        {
            answer = SandboxResult.From(problem);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            answer = SandboxResult.Error(HttpStatusCode.InternalServerError, "SANDBOX_ERROR", $"The PgBeam sandbox failed on {route.OperationId}: {ex.GetType().Name}: {ex.Message} (a bug in PgBeam.Testing).");
        }

        answer = AddEntityTag(request, route, call, answer);

        // Like the API: a 4xx is the settled answer about this exact request and is kept; 5xx, 408 and 429 are not,
        // so the next attempt with the same key runs for real.
        var code = (int)answer.Status;
        if (fingerprint is not null && code < 500 && code != 408 && code != 429)
        {
            state.IdempotencyKeys[idempotencyKey!] = new IdempotencyRecord(fingerprint, answer.Rendered(record.RequestId, path, route.Operation, table.Contract), record.RequestId);
        }

        return answer;
    }

    /// <summary>413 over the 2 MiB limit; 415 for a body that is not declared as JSON.</summary>
    /// <summary>A request header's values joined by commas, or null when it was not sent.</summary>
    private static string? HeaderOf(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    private static void CheckBody(HttpRequestMessage request, byte[]? body)
    {
        if (body is null)
        {
            return;
        }

        if (body.Length > MaxBodyBytes)
        {
            throw new SandboxProblem(
                HttpStatusCode.RequestEntityTooLarge,
                SandboxProblem.PayloadTooLargeCode,
                string.Create(CultureInfo.InvariantCulture, $"The request body is {body.Length} bytes; the API takes at most 2 MB ({MaxBodyBytes} bytes)."));
        }

        var mediaType = request.Content?.Headers.ContentType?.MediaType;
        if (mediaType is null || !ContractOperation.IsJson(mediaType))
        {
            throw new SandboxProblem(
                HttpStatusCode.UnsupportedMediaType,
                SandboxProblem.UnsupportedMediaTypeCode,
                mediaType is null
                    ? "The request has a body but no Content-Type; send it as application/json."
                    : $"The request body is {mediaType}; the API takes application/json.");
        }
    }

    /// <summary>The key of a request the API deduplicates: any POST or PATCH, and operations that declare the header.</summary>
    private static string? IdempotencyKeyOf(HttpRequestMessage request, string method, SandboxRoute route)
    {
        if (!(method is "POST" or "PATCH" || route.Operation.DeclaresHeader("Idempotency-Key"))
            || !request.Headers.TryGetValues("Idempotency-Key", out var keys))
        {
            return null;
        }

        var key = keys.FirstOrDefault();
        if (string.IsNullOrEmpty(key) || key.Length > 255)
        {
            throw SandboxProblem.Field("Idempotency-Key", "invalid_value", "Header 'Idempotency-Key' must be 1 to 255 characters long.");
        }

        return key;
    }

    /// <summary>
    /// 412 when a write's <c>If-Match</c> no longer names the resource's current version: the tag a GET of the same
    /// path would give now. A resource that cannot be read is left to the write itself (it answers 404).
    /// </summary>
    private SandboxResult? CheckIfMatch(HttpRequestMessage request, SandboxRoute route, SandboxCall call)
    {
        if (!HonoursIfMatch(route) || !request.Headers.TryGetValues("If-Match", out var values))
        {
            return null;
        }

        var header = string.Join(", ", values);
        var current = CurrentTag(route, call);
        if (current is null || EntityTag.MatchesStrongly(header, current))
        {
            return null;
        }

        var refused = SandboxResult.Error(
            HttpStatusCode.PreconditionFailed,
            SandboxProblem.PreconditionFailedCode,
            $"{route.OperationId} was refused: the resource changed after the read whose ETag was sent in If-Match (it is now {current}). Nothing was modified; read it again, re-apply the change and retry with the new ETag.");
        refused.Headers.Add(new("ETag", current));
        return refused;
    }

    /// <summary>ETag on every JSON read (and on a write that a GET of the same path reads back); 304 for a matching <c>If-None-Match</c>.</summary>
    private SandboxResult AddEntityTag(HttpRequestMessage request, SandboxRoute route, SandboxCall call, SandboxResult answer)
    {
        if (answer.Problem is not null || (int)answer.Status >= 300)
        {
            return answer;
        }

        if (route.Method == "GET")
        {
            if (answer.Status != HttpStatusCode.OK || answer.Body is null || answer.ContentType != SandboxResult.JsonMediaType)
            {
                return answer;
            }

            var tag = EntityTag.Of(answer.Body);
            if (HonoursIfNoneMatch(route) && request.Headers.TryGetValues("If-None-Match", out var values) && EntityTag.MatchesWeakly(string.Join(", ", values), tag))
            {
                answer = SandboxResult.Empty(HttpStatusCode.NotModified);
            }

            answer.Headers.Add(new("ETag", tag));
            return answer;
        }

        if (route.Method is "PUT" or "PATCH" && CurrentTag(route, call) is { } written)
        {
            answer.Headers.Add(new("ETag", written));
        }

        return answer;
    }

    /// <summary>The tag a GET of the route's path gives now, or null when there is no such read or it fails.</summary>
    private string? CurrentTag(SandboxRoute route, SandboxCall call)
    {
        if (table.ReaderOf(route) is not { Endpoint: { } read })
        {
            return null;
        }

        try
        {
            var current = read(new SandboxCall(state, call.PathValues, QueryParameters.Parse(null), null));
            return current.Status == HttpStatusCode.OK && current.Body is { } representation ? EntityTag.Of(representation) : null;
        }
        catch (SandboxProblem)
        {
            return null;
        }
    }

    /// <summary>GETs the contract marks with <c>If-None-Match</c>; every GET under a contract that marks none.</summary>
    private bool HonoursIfNoneMatch(SandboxRoute route) =>
        route.Method == "GET" && (route.Operation.DeclaresHeader("If-None-Match") || !table.Contract.ConditionalReadsDeclared);

    /// <summary>Writes the contract marks with <c>If-Match</c>; every PUT and PATCH of a readable path under a contract that marks none.</summary>
    private bool HonoursIfMatch(SandboxRoute route) =>
        route.Operation.DeclaresHeader("If-Match")
        || (!table.Contract.ConditionalWritesDeclared && route.Method is "PUT" or "PATCH" && table.ReaderOf(route) is not null);

    private static bool HasBearerKey(HttpRequestMessage request) =>
        request.Headers.Authorization is { } authorization
        && string.Equals(authorization.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
        && !string.IsNullOrWhiteSpace(authorization.Parameter);

    private static HttpResponseMessage ToResponse(HttpRequestMessage request, SandboxResult result, SandboxRequest record)
    {
        var response = new HttpResponseMessage(result.Status) { RequestMessage = request };
        if (result.Body is not null)
        {
            response.Content = new ByteArrayContent(result.Body);
            response.Content.Headers.ContentType = new MediaTypeHeaderValue(result.ContentType ?? SandboxResult.JsonMediaType);
        }

        response.Headers.TryAddWithoutValidation("X-Request-Id", record.RequestId);
        foreach (var header in result.Headers)
        {
            // Allow is a content header in .NET's model; Retry-After and ETag are response headers.
            if (!response.Headers.TryAddWithoutValidation(header.Key, header.Value))
            {
                response.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        if (record.Replayed)
        {
            response.Headers.TryAddWithoutValidation("Idempotent-Replayed", "true");
        }

        return response;
    }

    private static Dictionary<string, string> CollectHeaders(HttpRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var all = request.Content is null ? request.Headers : request.Headers.Concat(request.Content.Headers);
        foreach (var header in all)
        {
            var value = string.Join(", ", header.Value);
            if (MaskedHeaders.Contains(header.Key, StringComparer.OrdinalIgnoreCase))
            {
                // Keep the scheme, which tests may assert on; never the credential.
                var space = value.IndexOf(' ', StringComparison.Ordinal);
                value = space > 0 ? value[..space] + " ***" : "***";
            }

            headers[header.Key] = value;
        }

        return headers;
    }
}
