using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace PgBeam.Testing.Contract;

/// <summary>One declared response of an operation: its status, media types with their schemas, and header names.</summary>
internal sealed class ContractResponse(string status, IReadOnlyDictionary<string, JObject?> content, IReadOnlyCollection<string> headers)
{
    /// <summary>The status key as written (<c>200</c>, <c>4XX</c>, <c>default</c>).</summary>
    public string Status { get; } = status;

    /// <summary>Media type to schema (null when a media type has no schema); empty when no body is declared.</summary>
    public IReadOnlyDictionary<string, JObject?> Content { get; } = content;

    /// <summary>The response headers the contract declares (<c>ETag</c>, <c>Retry-After</c>).</summary>
    public IReadOnlyCollection<string> Headers { get; } = headers;
}
