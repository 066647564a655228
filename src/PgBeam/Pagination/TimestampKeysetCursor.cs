using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PgBeam.Pagination;

/// <summary>
/// Where a timestamp-keyset walk continues: the next <c>before</c> value, and the ids already yielded that share the
/// timestamp just below it (the request from that <c>before</c> returns them again). As a continuation token it is
/// base64url of a small JSON array, so it survives being stored and passed back.
/// </summary>
internal sealed class TimestampKeysetCursor
{
    private const string Version = "ks1";

    public TimestampKeysetCursor(DateTimeOffset? before, IReadOnlyCollection<string> yieldedIds)
    {
        Before = before;
        YieldedIds = yieldedIds;
    }

    /// <summary>The <c>before</c> value of the next request; null for the newest entries.</summary>
    public DateTimeOffset? Before { get; }

    /// <summary>Ids the walk already yielded that the next request will return again.</summary>
    public IReadOnlyCollection<string> YieldedIds { get; }

    public string Encode()
    {
        var array = new JArray { Version, Before?.ToString("o", CultureInfo.InvariantCulture) };
        foreach (var id in YieldedIds)
        {
            array.Add(id);
        }

        var bytes = Encoding.UTF8.GetBytes(array.ToString(Formatting.None));
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <exception cref="ArgumentException"><paramref name="token"/> was not made by <see cref="Encode"/>.</exception>
    public static TimestampKeysetCursor Decode(string token, string parameterName)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var json = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            using var reader = new JsonTextReader(new System.IO.StringReader(json)) { DateParseHandling = DateParseHandling.None };
            var array = JArray.Load(reader);
            if (array.Count < 2 || array[0].Type != JTokenType.String || (string?)array[0] != Version)
            {
                throw Invalid(parameterName, null);
            }

            DateTimeOffset? before = array[1].Type switch
            {
                JTokenType.Null => null,
                JTokenType.String => DateTimeOffset.ParseExact((string)array[1]!, "o", CultureInfo.InvariantCulture, DateTimeStyles.None),
                _ => throw Invalid(parameterName, null),
            };

            var ids = new List<string>(array.Count - 2);
            for (var i = 2; i < array.Count; i++)
            {
                ids.Add(array[i].Type == JTokenType.String ? (string)array[i]! : throw Invalid(parameterName, null));
            }

            return new TimestampKeysetCursor(before, ids);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidCastException)
        {
            throw Invalid(parameterName, ex);
        }
    }

    private static ArgumentException Invalid(string parameterName, Exception? inner) =>
        new("The continuation token is not one this listing issued (it comes from PgBeamPage.ContinuationToken of the same call).", parameterName, inner);
}
