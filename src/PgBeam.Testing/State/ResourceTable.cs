using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PgBeam.Testing.Routing;

namespace PgBeam.Testing.State;

/// <summary>
/// One kind of resource, in creation order. Deleted rows stay (marked) so a page token that points at one still
/// knows its place; lookups and listings skip them.
/// </summary>
/// <typeparam name="T">What is stored.</typeparam>
internal sealed class ResourceTable<T>
    where T : class
{
    private const string TokenPrefix = "pt_";
    private readonly List<Row> _rows = [];
    private readonly Dictionary<string, Row> _byId = new(StringComparer.Ordinal);

    /// <summary>Rows that were not deleted, oldest first.</summary>
    public IEnumerable<T> Live => _rows.Where(r => !r.Deleted).Select(r => r.Value);

    public void Add(string id, long sequence, T value)
    {
        var row = new Row(id, sequence, value);
        _rows.Add(row);
        _byId.Add(id, row);
    }

    public T? Find(string id) => _byId.TryGetValue(id, out var row) && !row.Deleted ? row.Value : null;

    public bool Delete(string id)
    {
        if (!_byId.TryGetValue(id, out var row) || row.Deleted)
        {
            return false;
        }

        row.Deleted = true;
        return true;
    }

    /// <summary>
    /// One page of the live rows that pass <paramref name="include"/>, in the order <paramref name="orderBy"/> gives
    /// (default: creation order), after the row <paramref name="pageToken"/> names.
    /// </summary>
    /// <returns>The page and the token of the next page, or null on the last page.</returns>
    public (List<T> Items, string? NextPageToken) Page(Func<T, bool> include, int pageSize, string? pageToken, Func<IEnumerable<Row>, IEnumerable<Row>>? orderBy = null)
    {
        var ordered = (orderBy ?? (rows => rows))(_rows).ToList();
        var start = 0;
        if (pageToken is not null)
        {
            var index = TryParseToken(pageToken, out var sequence) ? ordered.FindIndex(r => r.Sequence == sequence) : -1;
            if (index < 0)
            {
                throw SandboxProblem.Field("page_token", "invalid_value", "Query parameter 'page_token' is not a token this list handed out.");
            }

            start = index + 1;
        }

        var items = new List<T>(pageSize);
        Row? last = null;
        var more = false;
        for (var i = start; i < ordered.Count; i++)
        {
            var row = ordered[i];
            if (row.Deleted || !include(row.Value))
            {
                continue;
            }

            if (items.Count == pageSize)
            {
                more = true;
                break;
            }

            items.Add(row.Value);
            last = row;
        }

        return (items, more ? TokenPrefix + last!.Sequence.ToString(CultureInfo.InvariantCulture) : null);
    }

    private static bool TryParseToken(string token, out long sequence)
    {
        sequence = 0;
        return token.StartsWith(TokenPrefix, StringComparison.Ordinal)
            && long.TryParse(token.AsSpan(TokenPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    /// <summary>One stored value with its place in creation order.</summary>
    internal sealed class Row(string id, long sequence, T value)
    {
        public string Id { get; } = id;

        public long Sequence { get; } = sequence;

        public T Value { get; } = value;

        public bool Deleted { get; set; }
    }
}
