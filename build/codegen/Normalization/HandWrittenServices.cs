using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace PgBeam.CodeGen.Normalization;

/// <summary>Finds the operations the hand-written services implement, by the operation id their ApiRequest names.</summary>
internal static partial class HandWrittenServices
{
    /// <summary>The operation ids sent by code under <paramref name="folder"/> (<c>new ApiRequest("GET", "exportAuditLogs", …)</c>).</summary>
    public static HashSet<string> OperationIds(string folder)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
        {
            return ids;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match match in ApiRequestPattern().Matches(File.ReadAllText(file)))
            {
                ids.Add(match.Groups[1].Value);
            }
        }

        return ids;
    }

    [GeneratedRegex("new\\s+ApiRequest\\(\\s*\"[A-Z]+\"\\s*,\\s*\"([A-Za-z0-9_]+)\"")]
    private static partial Regex ApiRequestPattern();
}
