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

    public override string ToString() =>
        $"{Method} {Path} -> {(int)Status} [{OperationId ?? "no contract operation"}] query({string.Join(",", QueryKeys)}) body({string.Join(",", BodyFields.Order(StringComparer.Ordinal))})";
}
