using System;
using System.Diagnostics;
using System.Threading.Tasks;
using PgBeam.Benchmarks.Running;

namespace PgBeam.Benchmarks.Load;

/// <summary>The loopback server as a child process; disposing it closes its input, which stops it.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<ServerProcess> StartAsync()
    {
        var process = Process.Start(ChildProcess.StartInfo("serve")) ?? throw new InvalidOperationException("The loopback server did not start.");
        var line = await process.StandardOutput.ReadLineAsync().ConfigureAwait(false);
        if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
        {
            var error = await process.StandardError.ReadToEndAsync().ConfigureAwait(false);
            process.Dispose();
            throw new InvalidOperationException("The loopback server did not start: " + line + " " + error);
        }

        return new ServerProcess(process, new Uri(line["listening ".Length..].TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
        _process.Dispose();
    }
}
