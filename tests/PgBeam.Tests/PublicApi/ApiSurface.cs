using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace PgBeam.Tests.PublicApi;

/// <summary>
/// A public API listing as PublicApiGenerator writes it (namespaces, types, one member per line, attributes on the
/// lines above), read back into types and members so two listings can be compared member by member.
/// </summary>
internal sealed partial class ApiSurface
{
    private ApiSurface(IReadOnlyDictionary<string, ApiType> types) => Types = types;

    /// <summary>The types by full name (<c>PgBeam.Project</c>, <c>PgBeam.PgBeamPage&lt;T&gt;</c>; nested types as <c>Outer.Inner</c>).</summary>
    public IReadOnlyDictionary<string, ApiType> Types { get; }

    public static ApiSurface Parse(string text)
    {
        var types = new Dictionary<string, ApiType>(StringComparer.Ordinal);
        var scopes = new Stack<ApiType?>(); // one entry per open brace: the type it opens, or null for a namespace
        var pendingAttributes = new List<string>();
        var currentNamespace = string.Empty;
        string? openedNamespace = null;
        ApiType? openedType = null;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line == "{")
            {
                scopes.Push(openedType);
                if (openedNamespace is not null)
                {
                    currentNamespace = openedNamespace;
                }

                openedType = null;
                openedNamespace = null;
                continue;
            }

            if (line == "}")
            {
                scopes.Pop();
                continue;
            }

            if (line.StartsWith("namespace ", StringComparison.Ordinal))
            {
                openedNamespace = line["namespace ".Length..].Trim();
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                pendingAttributes.Add(line);
                continue;
            }

            var owner = scopes.Count > 0 ? scopes.Peek() : null;
            if (TypeDeclaration().Match(line) is { Success: true } declaration)
            {
                var kind = declaration.Groups["kind"].Value;
                var rest = declaration.Groups["rest"].Value;
                var name = kind == "delegate" ? ApiText.SplitTopLevel(ApiText.Before(rest, '('), ' ')[^1] : TypeName(rest);
                var fullName = (owner is null ? currentNamespace : owner.FullName) + "." + name;
                var type = new ApiType(fullName, kind, line, pendingAttributes.ToList());
                types[fullName] = type;
                pendingAttributes.Clear();
                if (kind != "delegate")
                {
                    openedType = type;
                }

                continue;
            }

            if (owner is null)
            {
                throw new FormatException($"A member outside any type: {line}");
            }

            owner.Members.Add(ApiMember.Parse(line, owner, pendingAttributes.ToList()));
            pendingAttributes.Clear();
        }

        return new ApiSurface(types);
    }

    /// <summary>The type's name with its generic parameters, from what follows the kind keyword.</summary>
    private static string TypeName(string rest)
    {
        var depth = 0;
        for (var i = 0; i < rest.Length; i++)
        {
            switch (rest[i])
            {
                case '<':
                    depth++;
                    break;
                case '>':
                    depth--;
                    break;
                case ' ' or ':' when depth == 0:
                    return rest[..i];
            }
        }

        return rest;
    }

    [GeneratedRegex(@"^(?:(?:public|protected|internal|static|sealed|abstract|readonly|partial|ref|unsafe|new)\s+)*(?<kind>record struct|class|struct|interface|enum|record|delegate)\s+(?<rest>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex TypeDeclaration();
}
