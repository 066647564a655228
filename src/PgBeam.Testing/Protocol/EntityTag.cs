using System;
using System.Linq;
using System.Security.Cryptography;

namespace PgBeam.Testing.Protocol;

/// <summary>
/// Strong entity tags for the sandbox's answers, and the two comparisons of RFC 9110: <c>If-None-Match</c> compares
/// weakly (a <c>W/</c> tag matches its strong twin), <c>If-Match</c> strongly (a weak tag never matches).
/// </summary>
internal static class EntityTag
{
    /// <summary>
    /// The tag of a representation: 32 hex digits of its SHA-256, quoted. The sandbox's resources carry their
    /// <c>updated_at</c> and status, so every change a write makes gives the resource a new version, and so a new tag.
    /// </summary>
    public static string Of(byte[] representation) =>
        "\"" + Convert.ToHexString(SHA256.HashData(representation), 0, 16).ToLowerInvariant() + "\"";

    /// <summary>Whether an <c>If-None-Match</c> value (a list of tags, or <c>*</c>) names <paramref name="current"/>.</summary>
    public static bool MatchesWeakly(string header, string current) =>
        header.Trim() == "*" || Tags(header).Any(tag => Opaque(tag) == Opaque(current));

    /// <summary>Whether an <c>If-Match</c> value (a list of tags, or <c>*</c>) names <paramref name="current"/>.</summary>
    public static bool MatchesStrongly(string header, string current) =>
        header.Trim() == "*" || Tags(header).Any(tag => !tag.StartsWith("W/", StringComparison.Ordinal) && tag == current);

    private static string[] Tags(string header) =>
        header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Opaque(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
}
