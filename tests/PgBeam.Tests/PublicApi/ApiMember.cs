using System;
using System.Collections.Generic;
using System.Linq;

namespace PgBeam.Tests.PublicApi;

/// <summary>
/// One member line of a public API listing, taken apart: modifiers, kind, name, type (property, field or return
/// type) and parameters. <see cref="Identity"/> is what stays the same when the member changes (name and parameter
/// names); <see cref="Shape"/> is what stays the same when only its name changes.
/// </summary>
internal sealed class ApiMember
{
    private static readonly HashSet<string> Modifiers = new(StringComparer.Ordinal)
    {
        "public", "protected", "internal", "static", "virtual", "override", "abstract", "sealed", "readonly",
        "const", "required", "new", "extern", "unsafe", "async", "implicit", "explicit", "volatile",
    };

    private ApiMember(string text, IReadOnlyList<string> attributes)
    {
        Text = text;
        Attributes = attributes;
    }

    /// <summary>The line as written, without its attributes.</summary>
    public string Text { get; }

    public IReadOnlyList<string> Attributes { get; }

    public ApiMemberKind Kind { get; private set; }

    public IReadOnlySet<string> MemberModifiers { get; private set; } = new HashSet<string>();

    public string Name { get; private set; } = string.Empty;

    /// <summary>The property, field or event type, or the return type; empty for constructors and enum values.</summary>
    public string Type { get; private set; } = string.Empty;

    public IReadOnlyList<ApiParameter> Parameters { get; private set; } = [];

    /// <summary>The accessors of a property (<c>{ get; set; }</c>), the value of a constant or enum value, or a method's constraints.</summary>
    public string Trailer { get; private set; } = string.Empty;

    /// <summary>Name and parameter names: two members with the same identity are the same member, changed or not.</summary>
    public string Identity => Kind is ApiMemberKind.Method or ApiMemberKind.Constructor or ApiMemberKind.Operator or ApiMemberKind.Indexer
        ? $"{Name}({string.Join(", ", Parameters.Select(p => p.Name))})"
        : Name;

    /// <summary>Everything but the name: a removed and an added member with the same shape look like a rename.</summary>
    public string Shape =>
        $"{Kind} {string.Join(' ', MemberModifiers.Order(StringComparer.Ordinal))} {Type} ({string.Join(", ", Parameters.Select(p => p.Type + (p.Default is null ? string.Empty : "=")))}) {(Kind == ApiMemberKind.EnumValue ? string.Empty : Trailer)}";

    public static ApiMember Parse(string line, ApiType owner, IReadOnlyList<string> attributes)
    {
        var member = new ApiMember(line, attributes);
        if (owner.Kind == "enum")
        {
            member.Kind = ApiMemberKind.EnumValue;
            var value = line.TrimEnd(',');
            member.Name = ApiText.Before(value, '=').Trim();
            member.Trailer = value.Contains('=', StringComparison.Ordinal) ? value[(value.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim() : string.Empty;
            return member;
        }

        var rest = line;
        var modifiers = new HashSet<string>(StringComparer.Ordinal);
        while (rest.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 && Modifiers.Contains(rest[..space]))
        {
            modifiers.Add(rest[..space]);
            rest = rest[(space + 1)..];
        }

        member.MemberModifiers = modifiers;
        if (rest.StartsWith("event ", StringComparison.Ordinal))
        {
            member.Kind = ApiMemberKind.Event;
            var parts = ApiText.SplitTopLevel(rest["event ".Length..].TrimEnd(';'), ' ');
            (member.Type, member.Name) = (string.Join(' ', parts[..^1]), parts[^1]);
            return member;
        }

        var open = ParameterListStart(rest);
        var accessors = rest.IndexOf(" {", StringComparison.Ordinal);
        if (open >= 0 && (accessors < 0 || open < accessors) && !rest.Contains("this[", StringComparison.Ordinal))
        {
            var close = ApiText.Closing(rest, open);
            member.Parameters = ParseParameters(rest[(open + 1)..close]);
            member.Trailer = rest[(close + 1)..].Trim();
            var head = ApiText.SplitTopLevel(rest[..open], ' ');
            var operatorAt = head.IndexOf("operator");
            if (operatorAt >= 0)
            {
                member.Kind = ApiMemberKind.Operator;
                member.Name = "operator " + string.Join(' ', head[(operatorAt + 1)..]);
                member.Type = string.Join(' ', head[..operatorAt]);
            }
            else if (head.Count == 1)
            {
                member.Kind = ApiMemberKind.Constructor;
                member.Name = ".ctor";
            }
            else
            {
                member.Kind = ApiMemberKind.Method;
                member.Name = head[^1];
                member.Type = string.Join(' ', head[..^1]);
            }

            return member;
        }

        if (accessors >= 0)
        {
            var head = rest[..accessors];
            member.Trailer = rest[(accessors + 1)..].Trim();
            var indexer = head.IndexOf("this[", StringComparison.Ordinal);
            if (indexer >= 0)
            {
                member.Kind = ApiMemberKind.Indexer;
                member.Name = "this[]";
                member.Type = head[..indexer].Trim();
                member.Parameters = ParseParameters(head[(indexer + "this[".Length)..head.LastIndexOf(']')]);
                return member;
            }

            var parts = ApiText.SplitTopLevel(head, ' ');
            member.Kind = ApiMemberKind.Property;
            (member.Type, member.Name) = (string.Join(' ', parts[..^1]), parts[^1]);
            return member;
        }

        // A field or constant: "T Name;" or "const T Name = value;".
        var declaration = rest.TrimEnd(';');
        var equals = declaration.IndexOf(" = ", StringComparison.Ordinal);
        if (equals >= 0)
        {
            member.Trailer = declaration[(equals + 3)..];
            declaration = declaration[..equals];
        }

        var fieldParts = ApiText.SplitTopLevel(declaration, ' ');
        member.Kind = ApiMemberKind.Field;
        (member.Type, member.Name) = (string.Join(' ', fieldParts[..^1]), fieldParts[^1]);
        return member;
    }

    public override string ToString() => Text;

    /// <summary>The '(' that opens the parameter list: the first one after a name, not one that opens a tuple type.</summary>
    private static int ParameterListStart(string text)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] == '(' && text[i - 1] != ' ' && Depth(text[..i]) == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static int Depth(string text) => text.Count(c => c is '<' or '(') - text.Count(c => c is '>' or ')');

    private static List<ApiParameter> ParseParameters(string list) =>
        ApiText.SplitTopLevel(list, ',').Select(parameter =>
        {
            var text = parameter;
            while (text.StartsWith('['))
            {
                text = text[(text.IndexOf(']', StringComparison.Ordinal) + 1)..].TrimStart();
            }

            string? defaultValue = null;
            var equals = text.IndexOf(" = ", StringComparison.Ordinal);
            if (equals >= 0)
            {
                defaultValue = text[(equals + 3)..];
                text = text[..equals];
            }

            var parts = ApiText.SplitTopLevel(text, ' ');
            return new ApiParameter(string.Join(' ', parts[..^1]), parts[^1], defaultValue);
        }).ToList();
}
