using System;
using System.Net.Http.Headers;

namespace PgBeam.Http;

/// <summary>Reads <c>Retry-After</c> in either form: delta seconds or an HTTP-date (0 or a past date means now).</summary>
internal static class RetryAfter
{
    public static TimeSpan? Parse(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var value = headers.RetryAfter;
        if (value is null)
        {
            return null;
        }

        if (value.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (value.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
