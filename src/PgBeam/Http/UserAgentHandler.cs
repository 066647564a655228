using System;
using System.Net.Http;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Http;

/// <summary>Sets <c>User-Agent: pgbeam-dotnet/&lt;version&gt; (contract &lt;contract version&gt;; .NET &lt;runtime&gt;)</c> on every request.</summary>
internal sealed class UserAgentHandler : DelegatingHandler
{
    public UserAgentHandler(string? applicationName)
    {
        Value = Build(applicationName);
    }

    /// <summary>The header value this handler sends.</summary>
    public string Value { get; }

    /// <summary>The SDK's version, from the assembly's informational version (without build metadata).</summary>
    public static string SdkVersion { get; } = ReadSdkVersion();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("User-Agent");
        request.Headers.TryAddWithoutValidation("User-Agent", Value);
        return base.SendAsync(request, cancellationToken);
    }

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
        var informational = typeof(UserAgentHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(UserAgentHandler).Assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
