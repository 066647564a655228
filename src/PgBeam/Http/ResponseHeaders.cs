using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;

namespace PgBeam.Http;

/// <summary>The headers of a response as the SDK hands them out (<see cref="PgBeamResponse.Headers"/>, error details).</summary>
internal static class ResponseHeaders
{
    /// <summary>Response and content headers, names case-insensitive.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Collect(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
        {
            headers[header.Key] = header.Value.ToArray();
        }

        foreach (var header in response.Content.Headers)
        {
            headers[header.Key] = header.Value.ToArray();
        }

        return headers;
    }
}
