using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace PgBeam.Testing.Tests.Support;

/// <summary>
/// Stoplight Prism in proxy mode with <c>--errors</c>, started from <c>build/npm/node_modules/.bin/prism</c> (not
/// through npx, whose wrapper would outlive a kill) on 127.0.0.1, in front of an upstream URL.
/// </summary>
internal sealed class PrismProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly ManualResetEventSlim _readyOrExited = new();

    private PrismProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    /// <summary>What Prism printed so far, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static string ExecutablePath => RepoPaths.Combine("build", "npm", "node_modules", ".bin", "prism");

    public static PrismProcess StartProxy(Uri upstream, string? contractPath = null)
    {
        EnsureInstalled();
        var port = FreePort();
        var start = new ProcessStartInfo(ExecutablePath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var argument in new[] { "proxy", contractPath ?? RepoPaths.Combine("openapi", "pgbeam.yaml"), upstream.GetLeftPart(UriPartial.Authority), "--errors", "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var prism = new PrismProcess(process, port);
        process.OutputDataReceived += (_, e) => prism.Append(e.Data);
        process.ErrorDataReceived += (_, e) => prism.Append(e.Data);
        process.Exited += (_, _) => prism._readyOrExited.Set();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        prism.WaitUntilListening(TimeSpan.FromSeconds(60));
        return prism;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // It already exited.
        }

        _process.Dispose();
        _readyOrExited.Dispose();
    }

    /// <summary>Installs the Node tools with the repository's own script when they are missing (a fresh clone).</summary>
    private static void EnsureInstalled()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }

        using var install = Process.Start(new ProcessStartInfo("bash") { ArgumentList = { RepoPaths.Combine("build", "install-tools.sh") }, UseShellExecute = false })!;
        install.WaitForExit();
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Prism is not installed at {ExecutablePath}; run: bash build/install-tools.sh");
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        if (line.Contains("Prism is listening", StringComparison.Ordinal))
        {
            _readyOrExited.Set();
        }
    }

    private void WaitUntilListening(TimeSpan limit)
    {
        // Prism prints "Prism is listening on http://127.0.0.1:<port>" once the contract is loaded (about 1.5 s).
        if (!_readyOrExited.Wait(limit))
        {
            Dispose();
            throw new TimeoutException($"Prism did not listen on 127.0.0.1:{Port} within {limit.TotalSeconds} s:\n{Log}");
        }

        if (_process.HasExited)
        {
            throw new InvalidOperationException($"Prism exited with code {_process.ExitCode} before listening:\n{Log}");
        }
    }
}
