using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace PgBeam;

/// <summary>The raw status and headers of a successful response, handed to <see cref="RequestOptions.OnResponse"/>.</summary>
public sealed class PgBeamResponseInfo
{
    /// <summary>Creates the description.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="headers">Response and content headers.</param>
    /// <param name="attempts">How many attempts the call took.</param>
    public PgBeamResponseInfo(HttpStatusCode statusCode, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, int attempts)
    {
        StatusCode = statusCode;
        Headers = headers ?? throw new ArgumentNullException(nameof(headers));
        Attempts = attempts;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Response and content headers; names compare case-insensitively.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>How many attempts the call took (1 when it was not retried).</summary>
    public int Attempts { get; }

    /// <summary>The server's request id (<c>X-Request-Id</c>), if it sent one.</summary>
    public string? RequestId => GetHeader("X-Request-Id");

    /// <summary>The first value of a header, or <see langword="null"/>.</summary>
    /// <param name="name">The header name, in any case.</param>
    public string? GetHeader(string name) => Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
}
