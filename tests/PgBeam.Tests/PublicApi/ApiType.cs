using System.Collections.Generic;

namespace PgBeam.Tests.PublicApi;

/// <summary>A type of a public API listing: its declaration line (kind, modifiers, bases), attributes and members.</summary>
internal sealed class ApiType(string fullName, string kind, string declaration, IReadOnlyList<string> attributes)
{
    public string FullName { get; } = fullName;

    /// <summary><c>class</c>, <c>struct</c>, <c>interface</c>, <c>enum</c>, <c>record</c>, <c>delegate</c>.</summary>
    public string Kind { get; } = kind;

    /// <summary>The declaration as written (<c>public sealed class X : Y</c>).</summary>
    public string Declaration { get; } = declaration;

    public IReadOnlyList<string> Attributes { get; } = attributes;

    public List<ApiMember> Members { get; } = [];

    /// <summary>The name without namespace or generic parameters (<c>PgBeamPage</c>).</summary>
    public string SimpleName
    {
        get
        {
            var name = FullName[(FullName.LastIndexOf('.') + 1)..];
            var generic = name.IndexOf('<', System.StringComparison.Ordinal);
            return generic < 0 ? name : name[..generic];
        }
    }

    public override string ToString() => FullName;
}
