using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.ContractTests.Prism;

/// <summary>
/// One Stoplight Prism mock server (<c>prism mock</c>, static responses) on 127.0.0.1, serving the contract. Started
/// from the locally installed binary, never through <c>npx</c>: killing an npx wrapper leaves Prism running.
/// Everything has a timeout; the process tree is killed on dispose and, as a last resort, when the test host exits.
/// </summary>
internal sealed class PrismServer : IAsyncDisposable
{
    private const int OutputLinesKept = 200;

    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly EventHandler _onHostExit;

    private PrismServer(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseUrl = $"http://127.0.0.1:{port}";
        _onHostExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += _onHostExit;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>From process start to the first answer.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>The local Prism binary installed by <c>build/install-tools.sh</c>.</summary>
    public static string BinaryPath => RepoPaths.Combine("build", "npm", "node_modules", ".bin", OperatingSystem.IsWindows() ? "prism.cmd" : "prism");

    /// <summary>Starts Prism on a free port and waits until it answers; a port taken meanwhile is retried on another.</summary>
    public static async Task<PrismServer> StartAsync(string contractPath, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(BinaryPath))
        {
            throw new FileNotFoundException($"Prism is not installed at {BinaryPath}. Run `bash build/install-tools.sh` (it installs the pinned @stoplight/prism-cli into build/npm/node_modules).");
        }

        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var server = Launch(contractPath, FreePort());
            try
            {
                await server.WaitUntilAnsweringAsync(timeout, cancellationToken);
                return server;
            }
            catch (PrismStartException ex)
            {
                last = ex;
                await server.DisposeAsync();
                if (!ex.PortTaken)
                {
                    throw;
                }
            }
        }

        throw last!;
    }

    /// <summary>The last lines Prism printed, for failure messages.</summary>
    public string OutputTail()
    {
        lock (_output)
        {
            return string.Join(Environment.NewLine, _output);
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= _onHostExit;
        Kill();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            // Kill was sent; a process that ignores it for 10 s is the OS's problem, not a reason to hang the suite.
        }

        _process.Dispose();
    }

    private static PrismServer Launch(string contractPath, int port)
    {
        var start = new ProcessStartInfo(BinaryPath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var argument in new[] { "mock", contractPath, "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["FORCE_COLOR"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {BinaryPath}.");
        return new PrismServer(process, port);
    }

    /// <summary>An ephemeral port the OS has just handed out; Prism binds it a moment later (a race retried above).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                var output = OutputTail();
                throw new PrismStartException(
                    $"Prism exited with code {_process.ExitCode} before answering.{Environment.NewLine}{output}",
                    portTaken: output.Contains("EADDRINUSE", StringComparison.Ordinal));
            }

            try
            {
                // Health needs no credentials; any HTTP answer means Prism has loaded the contract and listens.
                using var response = await probe.GetAsync(new Uri(BaseUrl + "/v1/health"), cancellationToken);
                StartupTime = Stopwatch.GetElapsedTime(started);
                return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet: Prism is still loading the contract.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The probe's own 2 s timeout: listening but busy starting; ask again.
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new PrismStartException($"Prism did not answer on {BaseUrl} within {timeout.TotalSeconds:0} s.{Environment.NewLine}{OutputTail()}", portTaken: false);
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputLinesKept)
            {
                _output.Dequeue();
            }
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
