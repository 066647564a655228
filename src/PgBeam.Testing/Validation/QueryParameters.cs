using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PgBeam.Testing.Routing;

namespace PgBeam.Testing.Validation;

/// <summary>The query string of one request, read and checked against the contract's parameter rules.</summary>
internal sealed class QueryParameters
{
    private readonly List<KeyValuePair<string, string>> _pairs;

    private QueryParameters(List<KeyValuePair<string, string>> pairs)
    {
        _pairs = pairs;
    }

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    /// <summary>Splits <c>a=1&amp;b=2</c> (with or without the leading <c>?</c>) and unescapes names and values.</summary>
    public static QueryParameters Parse(string? query)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrEmpty(query))
        {
            foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = part.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? part : part[..equals];
                var value = equals < 0 ? string.Empty : part[(equals + 1)..];
                pairs.Add(new(Unescape(name), Unescape(value)));
            }
        }

        return new QueryParameters(pairs);
    }

    public string? String(string name, bool required = false, bool idPattern = false)
    {
        var value = _pairs.Where(p => p.Key == name).Select(p => p.Value).LastOrDefault();
        if (value is null)
        {
            return required ? throw SandboxProblem.Field(name, "required", $"Missing required query parameter '{name}'.") : null;
        }

        if (value.Length == 0)
        {
            throw SandboxProblem.Field(name, "too_short", $"Query parameter '{name}' must not be empty.");
        }

        if (idPattern && !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
        {
            throw SandboxProblem.Field(name, "invalid_format", $"Query parameter '{name}' may contain only letters, digits, '_', '.' and '-'.");
        }

        return value;
    }

    public int PageSize()
    {
        var text = String("page_size");
        if (text is null)
        {
            return 20;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > 100)
        {
            throw SandboxProblem.Field("page_size", "out_of_range", "Query parameter 'page_size' must be an integer from 1 to 100.");
        }

        return size;
    }

    public string? OneOf<T>(string name, IReadOnlyList<T> allowed)
    {
        var value = String(name);
        if (value is null)
        {
            return null;
        }

        var values = allowed.Select(v => v!.ToString()!).ToArray();
        return values.Contains(value, StringComparer.Ordinal)
            ? value
            : throw SandboxProblem.Field(name, "invalid_value", $"Query parameter '{name}' must be one of {string.Join(", ", values)}; got '{value}'.");
    }

    public DateTimeOffset? Timestamp(string name)
    {
        var value = String(name);
        if (value is null)
        {
            return null;
        }

        return Rfc3339.TryParse(value, out var timestamp)
            ? timestamp
            : throw SandboxProblem.Field(name, "invalid_format", $"Query parameter '{name}' must be an RFC 3339 date-time such as 2026-01-31T12:00:00Z.");
    }

    // A literal + stays a plus sign: the SDK escapes it, and date-time offsets (+02:00) must survive unescaped clients.
    private static string Unescape(string text) => Uri.UnescapeDataString(text);
}
