using System.Collections.Generic;

namespace PgBeam.ContractTests.Recording;

/// <summary>One entry of Prism's <c>sl-violations</c> header: why it found the request (or response) against the contract.</summary>
/// <param name="Location">Where, as path parts: <c>["request", "body", "access_mode"]</c>.</param>
/// <param name="Severity"><c>Error</c> or <c>Warning</c>.</param>
/// <param name="Code">The JSON Schema keyword that failed (<c>required</c>, <c>enum</c>, <c>type</c>).</param>
/// <param name="Message">Prism's sentence.</param>
internal sealed record PrismViolation(IReadOnlyList<string> Location, string Severity, string Code, string Message)
{
    public override string ToString() => $"[{Severity}] {string.Join('.', Location)}: {Message} ({Code})";
}
