using System;
using System.Reflection;

namespace PgBeam.Http;

/// <summary>
/// The <c>User-Agent</c> every request carries: <c>pgbeam-dotnet/&lt;version&gt; (contract &lt;contract version&gt;;
/// .NET &lt;runtime&gt;)</c>, then the application's name; built once per client (<see cref="RequestMessageFactory"/>).
/// </summary>
internal static class UserAgent
{
    /// <summary>The SDK's version, from the assembly's informational version (without build metadata).</summary>
    public static string SdkVersion { get; } = ReadSdkVersion();

    /// <summary>The header value for <paramref name="applicationName"/>; throws when the name cannot travel in a header.</summary>
    internal static string Build(string? applicationName)
    {
        var runtime = Environment.Version.ToString();
        var value = $"pgbeam-dotnet/{SdkVersion} (contract {PgBeamBuildInfo.ContractVersion}; .NET {runtime})";
        if (!string.IsNullOrWhiteSpace(applicationName))
        {
            foreach (var c in applicationName)
            {
                if (char.IsControl(c) || c > '\u007e')
                {
                    throw new ArgumentException("ApplicationName must be printable ASCII.", "options.ApplicationName");
                }
            }

            value += " " + applicationName.Trim();
        }

        return value;
    }

    private static string ReadSdkVersion()
    {
        var informational = typeof(UserAgent).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(UserAgent).Assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
