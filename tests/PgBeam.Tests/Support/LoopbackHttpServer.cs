using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Tests.Support;

/// <summary>
/// A real HTTP/1.1 server on 127.0.0.1 and an ephemeral port, for what a fake handler cannot show: a connection
/// reset in the middle of a body, a body that stalls, a refused connection, a body streamed as the client reads it
/// (the CSV export, <c>Export/CsvExportBody</c>). Each request, in arrival order, is
/// answered by the next of the given responders, which write raw bytes to the socket (or break it).
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Queue<Responder> _responders;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;

    /// <summary>Writes the answer to one request; it may also reset the connection or stall until the server stops.</summary>
    public delegate Task Responder(ReceivedRequest request, Socket socket, CancellationToken stopping);

    private LoopbackHttpServer(IEnumerable<Responder> responders)
    {
        _responders = new Queue<Responder>(responders);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _acceptLoop = AcceptAsync();
    }

    /// <summary>The server's address, usable as <see cref="PgBeamClientOptions.BaseUrl"/> (loopback http is allowed).</summary>
    public string BaseUrl { get; }

    /// <summary>The requests received so far, in order.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary>How many TCP connections clients opened.</summary>
    public int Connections { get; private set; }

    /// <summary>Raised when a request has been read, before it is answered (with its 1-based number).</summary>
    public event Action<int>? RequestReceived;

    public static LoopbackHttpServer Start(params Responder[] responders) => new(responders);

    /// <summary>A port on 127.0.0.1 where nothing listens, so connecting is refused.</summary>
    public static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>A complete response.</summary>
    public static Responder Respond(int status, string body, string contentType = "application/json", params string[] headers) =>
        async (_, socket, stopping) =>
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            await SendAsync(socket, Head(status, bytes.Length, contentType, headers) + body, stopping);
        };

    /// <summary>Headers announcing the whole body, the first <paramref name="sentPart"/> of it, then a TCP reset.</summary>
    public static Responder ResetMidBody(string body, int sentPart) =>
        async (_, socket, stopping) =>
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            await SendAsync(socket, Head(200, bytes.Length, "application/json") + body[..sentPart], stopping);
            Reset(socket);
        };

    /// <summary>
    /// Headers announcing the whole body, the first <paramref name="sentPart"/> of it, then nothing until the client
    /// gives up; <paramref name="stalled"/> is completed once the partial body is on the wire.
    /// </summary>
    public static Responder StallMidBody(string body, int sentPart, TaskCompletionSource? stalled = null) =>
        async (_, socket, stopping) =>
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            await SendAsync(socket, Head(200, bytes.Length, "application/json") + body[..sentPart], stopping);
            stalled?.TrySetResult();
            await WaitForCloseAsync(socket, stopping);
        };

    /// <summary>Reads the request, then never answers until the client gives up.</summary>
    public static Responder NeverAnswer() => (_, socket, stopping) => WaitForCloseAsync(socket, stopping);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException or OperationCanceledException)
        {
        }

        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections);
        _stopping.Dispose();
    }

    private static string Head(int status, int length, string contentType, params string[] headers)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} {(HttpStatusCode)status}\r\nContent-Type: {contentType}\r\nContent-Length: {length}\r\n");
        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        return head.Append("\r\n").ToString();
    }

    private static async Task SendAsync(Socket socket, string text, CancellationToken stopping) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None, stopping);

    /// <summary>Closing with a zero linger time sends RST instead of FIN: the client sees a reset connection.</summary>
    private static void Reset(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    private static async Task WaitForCloseAsync(Socket socket, CancellationToken stopping)
    {
        var buffer = new byte[256];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, stopping) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stopping.Token);
            Connections++;
            lock (_connections)
            {
                _connections.Add(Task.Run(() => ServeAsync(socket)));
            }
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            using (socket)
            {
                var stream = new NetworkStream(socket, ownsSocket: false);
                while (!_stopping.IsCancellationRequested)
                {
                    var request = await ReadRequestAsync(stream, _stopping.Token);
                    if (request is null)
                    {
                        return;
                    }

                    Responder responder;
                    int number;
                    lock (_responders)
                    {
                        _requests.Enqueue(request);
                        number = _requests.Count;
                        responder = _responders.Count > 0
                            ? _responders.Dequeue()
                            : Respond(500, """{"detail":"The loopback server has no answer scripted for this request."}""");
                    }

                    RequestReceived?.Invoke(number);
                    await responder(request, socket, _stopping.Token);
                    if (!socket.Connected)
                    {
                        return;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away or the server is stopping: either way this connection is done.
        }
    }

    private static async Task<ReceivedRequest?> ReadRequestAsync(Stream stream, CancellationToken stopping)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one, stopping) == 0)
            {
                return null;
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines[1..])
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var body = Array.Empty<byte>();
        if (headers.TryGetValue("Content-Length", out var length) && int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) > 0)
        {
            body = new byte[int.Parse(length, System.Globalization.CultureInfo.InvariantCulture)];
            await stream.ReadExactlyAsync(body, stopping);
        }

        return new ReceivedRequest(lines[0], requestLine[0], requestLine[1], headers, Encoding.UTF8.GetString(body));
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';

    /// <summary>One request as the server read it; <paramref name="Line"/> is its request line (<c>GET /v1/… HTTP/1.1</c>).</summary>
    internal sealed record ReceivedRequest(string Line, string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    }
}
