using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace PgBeam.Testing;

/// <summary>
/// One request the sandbox received, as it arrived, with the answer it gave; for assertions in your tests
/// (what was sent, how often it was retried, which idempotency key it carried).
/// </summary>
public sealed class SandboxRequest
{
    internal SandboxRequest(
        string method,
        string path,
        IReadOnlyList<KeyValuePair<string, string>> query,
        string? body,
        IReadOnlyDictionary<string, string> headers,
        DateTimeOffset receivedAt)
    {
        Method = method;
        Path = path;
        Query = query;
        Body = body;
        Headers = headers;
        ReceivedAt = receivedAt;
    }

    /// <summary>The HTTP method (<c>POST</c>).</summary>
    public string Method { get; }

    /// <summary>The path as sent, still escaped (<c>/v1/projects/prj_1/agents</c>).</summary>
    public string Path { get; }

    /// <summary>The query parameters, unescaped, in the order sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; }

    /// <summary>
    /// The body exactly as sent (UTF-8), or null when there was none. It holds whatever the caller sent, secrets
    /// included (a database password, a webhook secret): it is for assertions and is left out of <see cref="ToString"/>.
    /// </summary>
    public string? Body { get; }

    /// <summary>
    /// The request and content headers, names case-insensitive, several values joined by <c>", "</c>. The value of
    /// <c>Authorization</c> is reduced to its scheme and a mask (<c>Bearer ***</c>): the key itself is never kept.
    /// </summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>When it arrived, by the sandbox clock.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The contract operation it matched (<c>createAgentCredential</c>), or null for a path the API does not have.</summary>
    public string? OperationId { get; internal set; }

    /// <summary>The status the sandbox answered with; null when an injected connection failure meant it never answered.</summary>
    public HttpStatusCode? StatusCode { get; internal set; }

    /// <summary>The <c>code</c> of an error answer's problem document (<c>NOT_FOUND</c>), or null.</summary>
    public string? ErrorCode { get; internal set; }

    /// <summary>The <c>X-Request-Id</c> the sandbox answered with (also in the SDK's exceptions).</summary>
    public string RequestId { get; internal set; } = string.Empty;

    /// <summary>The injected fault this request met, or null.</summary>
    public SandboxFaultKind? Fault { get; internal set; }

    /// <summary>Whether the answer was a replay of an earlier one with the same <c>Idempotency-Key</c>.</summary>
    public bool Replayed { get; internal set; }

    /// <summary>The last value of a query parameter, or null.</summary>
    /// <param name="name">The parameter name (<c>page_token</c>).</param>
    public string? QueryValue(string name) => Query.LastOrDefault(p => p.Key == name).Value;

    /// <summary>A header value, or null.</summary>
    /// <param name="name">The header name, any case.</param>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Method, path and status; never the body or headers.</summary>
    public override string ToString() =>
        $"{Method} {Path} -> {(StatusCode is { } status ? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no response")}{(Fault is { } fault ? $" (fault: {fault})" : string.Empty)}";
}
