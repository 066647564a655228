using System;
using System.Collections.Generic;
using System.Net;

namespace PgBeam;

/// <summary>
/// The raw side of a successful call, returned by every <c>…WithResponseAsync</c> method: status, headers, request id,
/// <c>ETag</c>, attempts and whether the server replayed an idempotent answer. Operations with a body return
/// <see cref="PgBeamResponse{T}"/>, which adds the typed value.
/// </summary>
/// <example>
/// <code>
/// var response = await client.Projects.GetProjectWithResponseAsync("prj_xxx");
/// Console.WriteLine($"{response.StatusCode} {response.RequestId} {response.ETag} after {response.Attempts} attempt(s)");
/// Project project = response.Value;
/// </code>
/// </example>
public class PgBeamResponse
{
    /// <summary>The header that carries the server's request id.</summary>
    public const string RequestIdHeader = "X-Request-Id";

    /// <summary>The header the server sets to <c>true</c> when it answered with the stored result of an earlier request with the same <c>Idempotency-Key</c>.</summary>
    public const string IdempotentReplayedHeader = "Idempotent-Replayed";

    /// <summary>Describes a response; for test doubles of the service interfaces (the SDK creates these itself).</summary>
    /// <param name="statusCode">The HTTP status (2xx, or 304 Not Modified for a conditional read).</param>
    /// <param name="headers">Response and content headers; looked up case-insensitively whatever the dictionary's comparer.</param>
    /// <param name="attempts">How many attempts the call took (at least 1).</param>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempts"/> is below 1.</exception>
    public PgBeamResponse(HttpStatusCode statusCode, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, int attempts = 1)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        StatusCode = statusCode;
        Headers = headers is Dictionary<string, IReadOnlyList<string>> { Comparer: var comparer } && ReferenceEquals(comparer, StringComparer.OrdinalIgnoreCase)
            ? headers
            : new Dictionary<string, IReadOnlyList<string>>(headers, StringComparer.OrdinalIgnoreCase);
        Attempts = attempts;
    }

    /// <summary>The HTTP status of the final attempt.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Response and content headers; names compare case-insensitively. Declared response headers (<c>ETag</c>, <c>Payment-Receipt</c>) are read here or with <see cref="GetHeader"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>How many attempts the call took (1 when it was not retried).</summary>
    public int Attempts { get; }

    /// <summary>The server's request id (<c>X-Request-Id</c>), to quote when reporting a problem; <see langword="null"/> when absent.</summary>
    public string? RequestId => GetHeader(RequestIdHeader);

    /// <summary>
    /// The entity tag of the representation (<c>ETag</c>), exactly as sent (quotes included); <see langword="null"/> when absent.
    /// Pass it as <c>ifMatch</c> to a write so the write is refused (412) if the resource changed meanwhile, or as
    /// <c>ifNoneMatch</c> to a later read to be told <see cref="IsNotModified"/> instead of receiving the same body again.
    /// </summary>
    public string? ETag => GetHeader("ETag");

    /// <summary>
    /// Whether the server answered with the stored result of an earlier request that carried the same
    /// <c>Idempotency-Key</c> (the <c>Idempotent-Replayed: true</c> header), rather than acting again.
    /// </summary>
    public bool IdempotentReplayed => string.Equals(GetHeader(IdempotentReplayedHeader)?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Whether the server answered <c>304 Not Modified</c> to a conditional read (<c>ifNoneMatch</c>): the resource is
    /// unchanged since that entity tag, and the response has no body.
    /// </summary>
    public bool IsNotModified => StatusCode == HttpStatusCode.NotModified;

    /// <summary>
    /// Whether the server says this operation is deprecated (a <c>Deprecation</c> or <c>Sunset</c> header): it still
    /// works, but will stop at <see cref="Sunset"/>; the <c>Link</c> header names the policy and any successor. The
    /// client also logs one warning per operation (see the README's lifecycle section).
    /// </summary>
    public bool IsDeprecated => GetHeader("Deprecation") is not null || GetHeader("Sunset") is not null;

    /// <summary>When the operation was or will be deprecated (the <c>Deprecation</c> header, RFC 9745 <c>@seconds</c> or an HTTP-date); null when absent or undated.</summary>
    public DateTimeOffset? Deprecation => Http.LifecycleNotices.ParseDate(GetHeader("Deprecation"));

    /// <summary>When the operation stops answering (the <c>Sunset</c> header, RFC 8594); null when absent.</summary>
    public DateTimeOffset? Sunset => Http.LifecycleNotices.ParseDate(GetHeader("Sunset"));

    /// <summary>The first value of a response header, or <see langword="null"/> when the response has none.</summary>
    /// <param name="name">The header name, in any case.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public string? GetHeader(string name) => Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>Status, request id and attempts; header values are left out (they may carry secrets).</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        $"{(int)StatusCode} {StatusCode}{(RequestId is null ? string.Empty : ", request " + RequestId)}, {Attempts} attempt(s)";
}
