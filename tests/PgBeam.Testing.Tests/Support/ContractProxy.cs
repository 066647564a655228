using System;
using System.Net.Http;

namespace PgBeam.Testing.Tests.Support;

/// <summary>
/// The one Prism proxy of the test run and the loopback host behind it, started on first use and stopped by
/// <see cref="ContractProxyLifetime"/>. Tests run one at a time, so each points the host at its own sandbox.
/// </summary>
internal sealed class ContractProxy : IDisposable
{
    private static readonly object Gate = new();
    private static ContractProxy? _instance;

    private ContractProxy(SandboxLoopbackHost host, PrismProcess prism)
    {
        Host = host;
        Prism = prism;
    }

    public SandboxLoopbackHost Host { get; }

    public PrismProcess Prism { get; }

    public static ContractProxy Instance
    {
        get
        {
            lock (Gate)
            {
                if (_instance is null)
                {
                    var host = SandboxLoopbackHost.Start();
                    try
                    {
                        _instance = new ContractProxy(host, PrismProcess.StartProxy(host.BaseUri));
                    }
                    catch
                    {
                        host.Dispose();
                        throw;
                    }
                }

                return _instance;
            }
        }
    }

    /// <summary>Points the loopback host at <paramref name="target"/> (a sandbox, or a deliberately broken handler).</summary>
    public void Serve(HttpMessageHandler target) => Host.Target = target;

    public static void StopIfStarted()
    {
        lock (Gate)
        {
            _instance?.Dispose();
            _instance = null;
        }
    }

    public void Dispose()
    {
        Prism.Dispose();
        Host.Dispose();
    }
}
