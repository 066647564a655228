using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// A deliberately small reading of SQL text for the sandbox's computed reports: the statement kind from its leading
/// keyword, the relations named after <c>FROM</c>, <c>JOIN</c>, <c>INTO</c>, <c>UPDATE</c>, <c>TABLE</c> and
/// <c>TRUNCATE</c> (string literals and comments ignored, unquoted names lowercased, a schema kept when given), and a
/// normalized shape with literals replaced by <c>$n</c>. It is not PostgreSQL's parser: unusual syntax may be read
/// differently, which a sandbox can live with.
/// </summary>
internal static partial class SqlText
{
    /// <summary>The statement kinds a policy's <c>statement_rules</c> name.</summary>
    public static readonly string[] Kinds = ["transaction", "explain", "show", "set", "copy", "ddl", "delete", "update", "insert", "select"];

    /// <summary>Kinds that change data or schema.</summary>
    public static bool IsWrite(string? kind) => kind is "insert" or "update" or "delete" or "ddl";

    /// <summary>The statement's kind, or null when the leading keyword is not one the sandbox knows.</summary>
    public static string? Kind(string? sql)
    {
        var text = Strip(sql ?? string.Empty).TrimStart(' ', '\t', '\r', '\n', '(');
        var word = LeadingWord().Match(text).Value.ToUpperInvariant();
        return word switch
        {
            "SELECT" or "VALUES" or "TABLE" => "select",
            "WITH" => WriteInCte().Match(text) is { Success: true } write ? Kind(write.Value) : "select",
            "INSERT" => "insert",
            "UPDATE" or "MERGE" => "update",
            "DELETE" => "delete",
            "CREATE" or "ALTER" or "DROP" or "TRUNCATE" or "COMMENT" or "GRANT" or "REVOKE" or "REINDEX" or "CLUSTER" => "ddl",
            "EXPLAIN" => "explain",
            "SHOW" => "show",
            "SET" or "RESET" => "set",
            "COPY" => "copy",
            "BEGIN" or "START" or "COMMIT" or "END" or "ROLLBACK" or "SAVEPOINT" or "RELEASE" or "ABORT" => "transaction",
            _ => null,
        };
    }

    /// <summary>The relations the statement names, in order of appearance, without repeats.</summary>
    public static IReadOnlyList<string> Tables(string? sql) =>
        Relation().Matches(Strip(sql ?? string.Empty))
            .Select(m => Name(m.Groups["name"].Value))
            .Where(n => n.Length > 0 && !NotARelation.Contains(n))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>The output column names of a plain <c>SELECT</c> (alias, or last identifier); <c>*</c> for a star.</summary>
    public static IReadOnlyList<string> SelectedColumns(string? sql)
    {
        var text = Strip(sql ?? string.Empty);
        var match = SelectList().Match(text);
        if (!match.Success)
        {
            return [];
        }

        return match.Groups["list"].Value.Split(',')
            .Select(part => part.Trim())
            .Select(part => part.EndsWith('*') ? "*" : Name(LastIdentifier().Match(part).Value))
            .Where(n => n.Length > 0)
            .ToList();
    }

    /// <summary>The statement with string and number literals replaced by <c>$1</c>, <c>$2</c>…, whitespace collapsed.</summary>
    public static string Normalize(string? sql)
    {
        var n = 0;
        var text = Literal().Replace(sql ?? string.Empty, _ => "$" + (++n).ToString(CultureInfo.InvariantCulture));
        return Whitespace().Replace(text, " ").Trim().TrimEnd(';').Trim();
    }

    /// <summary>A stable hash of a normalized shape (16 hex digits).</summary>
    public static string Hash(string normalized) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)))[..16].ToLowerInvariant();

    /// <summary>Whether a policy list entry names <paramref name="table"/>: a bare entry matches the relation in any schema when <paramref name="anySchema"/>, else only in public.</summary>
    public static bool Names(string entry, string table, bool anySchema)
    {
        var (entrySchema, entryName) = Split(Name(entry));
        var (tableSchema, tableName) = Split(table);
        if (!string.Equals(entryName, tableName, StringComparison.Ordinal))
        {
            return false;
        }

        return entrySchema is null
            ? anySchema || tableSchema is null or "public"
            : string.Equals(entrySchema, tableSchema ?? "public", StringComparison.Ordinal);
    }

    private static readonly HashSet<string> NotARelation = new(StringComparer.Ordinal) { "select", "lateral", "only", "if", "values", "unnest", "generate_series" };

    private static (string? Schema, string Name) Split(string qualified) =>
        qualified.IndexOf('.', StringComparison.Ordinal) is var dot and > 0 ? (qualified[..dot], qualified[(dot + 1)..]) : (null, qualified);

    /// <summary>An identifier as PostgreSQL reads it: quoted parts kept as written, unquoted ones lowercased.</summary>
    private static string Name(string raw) =>
        string.Join('.', raw.Split('.').Select(p => p.Trim()).Select(p => p.StartsWith('"') ? p.Trim('"') : p.ToLowerInvariant()));

    /// <summary>The text with comments removed and string literals emptied, so keywords inside them are not read.</summary>
    private static string Strip(string sql) => Literal().Replace(Comment().Replace(sql, " "), m => m.Value.StartsWith('\'') ? "''" : m.Value);

    [GeneratedRegex(@"^[A-Za-z]+")]
    private static partial Regex LeadingWord();

    [GeneratedRegex(@"\b(INSERT|UPDATE|DELETE)\b.*", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex WriteInCte();

    [GeneratedRegex(@"\b(?:FROM|JOIN|INTO|UPDATE|TRUNCATE(?:\s+TABLE)?|TABLE(?:\s+IF\s+(?:NOT\s+)?EXISTS)?)\s+(?:ONLY\s+)?(?<name>""[^""]+""(?:\s*\.\s*""[^""]+""|\s*\.\s*[A-Za-z_][\w$]*)?|[A-Za-z_][\w$]*(?:\s*\.\s*(?:""[^""]+""|[A-Za-z_][\w$]*))?)", RegexOptions.IgnoreCase)]
    private static partial Regex Relation();

    [GeneratedRegex(@"^\s*SELECT\s+(?:DISTINCT\s+)?(?<list>.+?)\s+FROM\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex SelectList();

    [GeneratedRegex(@"(""[^""]+""|[A-Za-z_][\w$]*)\s*$")]
    private static partial Regex LastIdentifier();

    [GeneratedRegex(@"'(?:[^']|'')*'|(?<![\w$.])\d+(?:\.\d+)?(?![\w.])")]
    private static partial Regex Literal();

    [GeneratedRegex(@"--[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
