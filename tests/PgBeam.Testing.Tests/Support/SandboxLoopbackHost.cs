using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Testing.Tests.Support;

/// <summary>
/// Serves an <see cref="HttpMessageHandler"/> (the sandbox of the current test) on 127.0.0.1 with
/// <see cref="HttpListener"/>, so a real HTTP client (Prism) can call it. Requests are handled one at a time, in
/// order; a handler that throws (an injected connection fault) aborts the connection.
/// </summary>
internal sealed class SandboxLoopbackHost : IDisposable
{
    private static readonly string[] SkippedRequestHeaders = ["Host", "Content-Length", "Connection", "Transfer-Encoding", "Expect", "Keep-Alive"];
    private static readonly string[] SkippedResponseHeaders = ["Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive"];
    private readonly HttpListener _listener;
    private readonly Task _loop;
    private volatile HttpMessageHandler? _target;

    private SandboxLoopbackHost(HttpListener listener, int port)
    {
        _listener = listener;
        Port = port;
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    /// <summary>Where requests go; swapped per test, so one Prism process serves every test's fresh sandbox.</summary>
    public HttpMessageHandler? Target
    {
        get => _target;
        set => _target = value;
    }

    public static SandboxLoopbackHost Start()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new SandboxLoopbackHost(listener, port);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between the probe and the bind; try another.
                listener.Close();
            }
        }
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener's own exception when it is closed.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await HandleAsync(context);
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var target = _target;
        if (target is null)
        {
            context.Response.StatusCode = 502;
            context.Response.Close();
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(new Uri(PgBeamSandbox.BaseUrl), context.Request.RawUrl));
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        if (body.Length > 0 || context.Request.HasEntityBody)
        {
            request.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (var name in context.Request.Headers.AllKeys.OfType<string>())
        {
            if (SkippedRequestHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var values = context.Request.Headers.GetValues(name) ?? [];
            if (!request.Headers.TryAddWithoutValidation(name, values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values);
            }
        }

        HttpResponseMessage response;
        try
        {
            using var invoker = new HttpMessageInvoker(target, disposeHandler: false);
            response = await invoker.SendAsync(request, CancellationToken.None);
        }
        catch (HttpRequestException)
        {
            context.Response.Abort();
            return;
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                if (!SkippedResponseHeaders.Contains(header.Key, StringComparer.OrdinalIgnoreCase))
                {
                    context.Response.Headers.Add(header.Key, string.Join(", ", header.Value));
                }
            }

            var bytes = await response.Content.ReadAsByteArrayAsync();
            context.Response.ContentLength64 = bytes.Length;
            if (bytes.Length > 0)
            {
                await context.Response.OutputStream.WriteAsync(bytes);
            }

            context.Response.Close();
        }
    }
}
