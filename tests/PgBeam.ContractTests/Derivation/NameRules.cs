using System;
using System.Linq;

namespace PgBeam.ContractTests.Derivation;

/// <summary>
/// The naming rules the generator follows, restated for the tests: a contract name becomes PascalCase by splitting on
/// <c>_</c>, <c>-</c>, <c>.</c> and spaces and capitalising each part (<c>page_size</c> → <c>PageSize</c>,
/// <c>createProject</c> → <c>CreateProject</c>, <c>If-None-Match</c> → <c>IfNoneMatch</c>); camelCase lowers the first letter.
/// </summary>
internal static class NameRules
{
    private static readonly char[] Separators = ['_', '-', '.', ' '];

    public static string Pascal(string name) =>
        string.Concat(name.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));

    public static string Camel(string name)
    {
        var pascal = Pascal(name);
        return pascal.Length == 0 ? pascal : char.ToLowerInvariant(pascal[0]) + pascal[1..];
    }

    /// <summary>The method of an operation: <c>createProject</c> → <c>CreateProjectAsync</c>.</summary>
    public static string MethodName(string operationId) => Pascal(operationId) + "Async";

    /// <summary>The words of a name, lower case (<c>policyProfileId</c>, <c>policy_profile_id</c> → policy, profile, id).</summary>
    public static string[] Words(string name)
    {
        var spaced = string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) && char.IsLower(name[i - 1]) ? "_" + c : c.ToString()));
        return spaced.ToLowerInvariant().Split(Separators, StringSplitOptions.RemoveEmptyEntries);
    }
}
