using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace PgBeam.ContractTests.Recording;

/// <summary>What one request that reached Prism carried, and what Prism made of it.</summary>
internal sealed record RecordedExchange(
    string Method,
    string Path,
    string? OperationId,
    IReadOnlyList<string> QueryKeys,
    bool HasBody,
    IReadOnlySet<string> BodyFields,
    IReadOnlySet<string> NullBodyFields,
    HttpStatusCode Status,
    IReadOnlyList<PrismViolation> Violations,
    TimeSpan Elapsed)
{
    public IReadOnlySet<string> QueryKeySet => QueryKeys.ToHashSet(StringComparer.Ordinal);

    /// <summary>The query as sent, unescaped, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];

    /// <summary>The request headers as sent (the SDK's and the caller's), by name.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public override string ToString() =>
        $"{Method} {Path} -> {(int)Status} [{OperationId ?? "no contract operation"}] query({string.Join(",", QueryKeys)}) body({string.Join(",", BodyFields.Order(StringComparer.Ordinal))})";
}
