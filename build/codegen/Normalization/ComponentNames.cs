using System.Linq;
using PgBeam.CodeGen.Contract;
using PgBeam.CodeGen.Naming;

namespace PgBeam.CodeGen.Normalization;

/// <summary>
/// Gives every component schema a .NET type name (<c>SSLMode</c> → <c>SslMode</c>, <c>snake_name</c> →
/// <c>SnakeName</c>); names already in that style are untouched. A rename that would collide stops the build.
/// </summary>
internal static class ComponentNames
{
    public static void Apply(ContractDocument document, ContractProblems problems)
    {
        foreach (var name in document.Schemas.Select(s => s.Key).ToList())
        {
            var typeName = NameRules.TypeName(name);
            if (typeName == name)
            {
                continue;
            }

            if (document.Schemas.ContainsKey(typeName))
            {
                problems.Add($"schema {name}: its C# name would be {typeName}, which another schema already has; rename one of them in the contract.");
                continue;
            }

            SchemaReferences.Rename(document, name, typeName);
        }
    }
}
