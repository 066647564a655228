using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Tests.Export;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (ephemeral port) that answers the audit-log export with CSV generated row
/// by row as the client reads it (chunked transfer encoding, backpressure from TCP), so no body exists in memory.
/// It records the request it received, and can instead announce a length and cut the connection part-way.
/// </summary>
internal sealed class LoopbackCsvServer : IAsyncDisposable
{
    public const string Header = "id,project_id,credential_id,event,decision,ts,sql\n";

    private readonly TcpListener _listener;
    private readonly long _targetBytes;
    private readonly long? _cutAfterBytes;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    private LoopbackCsvServer(long targetBytes, long? cutAfterBytes)
    {
        _targetBytes = targetBytes;
        _cutAfterBytes = cutAfterBytes;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _serving = ServeAsync();
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>The request line of the last request (<c>GET /v1/... HTTP/1.1</c>).</summary>
    public string? RequestLine { get; private set; }

    /// <summary>The headers of the last request, names case-insensitive.</summary>
    public Dictionary<string, string> RequestHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Body bytes written to the client.</summary>
    public long BytesSent { get; private set; }

    /// <summary>Data rows written (the header line excluded).</summary>
    public long RowsSent { get; private set; }

    /// <summary>Streams at least <paramref name="targetBytes"/> of CSV (whole rows), chunked.</summary>
    public static LoopbackCsvServer Start(long targetBytes) => new(targetBytes, null);

    /// <summary>Announces <paramref name="announcedBytes"/> but closes the connection after <paramref name="cutAfterBytes"/>.</summary>
    public static LoopbackCsvServer StartCuttingOff(long announcedBytes, long cutAfterBytes) => new(announcedBytes, cutAfterBytes);

    public static string Row(long index) =>
        string.Create(CultureInfo.InvariantCulture, $"aud_{index:D10},prj_1,agt_1,blocked,block,2026-01-01T00:00:00.{index % 1_000_000:D6}Z,\"select * from orders where id = {index}\"\n");

    private async Task ServeAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var connection = await _listener.AcceptTcpClientAsync(_stop.Token);
                connection.NoDelay = true;
                var stream = connection.GetStream();
                await ReadRequestHeadAsync(stream);
                if (_cutAfterBytes is { } cut)
                {
                    await CutOffAsync(connection, stream, cut);
                }
                else
                {
                    await StreamCsvAsync(stream);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException or System.IO.IOException)
        {
            // Stopped, or the client went away.
        }
    }

    private async Task ReadRequestHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer, _stop.Token) == 0)
            {
                throw new System.IO.IOException("The client closed the connection before sending a request.");
            }

            head.Append((char)buffer[0]);
        }

        var lines = head.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        RequestLine = lines[0];
        RequestHeaders.Clear();
        foreach (var line in lines[1..])
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            RequestHeaders[line[..colon]] = line[(colon + 1)..].Trim();
        }
    }

    private async Task StreamCsvAsync(NetworkStream stream)
    {
        await WriteAsciiAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/csv; charset=utf-8\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        var chunk = new byte[64 * 1024];
        var filled = 0;
        var line = Header;
        long index = 0;
        while (true)
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            if (filled + bytes.Length > chunk.Length)
            {
                await WriteChunkAsync(stream, chunk, filled);
                filled = 0;
            }

            bytes.CopyTo(chunk, filled);
            filled += bytes.Length;
            BytesSent += bytes.Length;
            if (index > 0)
            {
                RowsSent++;
            }

            if (BytesSent >= _targetBytes)
            {
                break;
            }

            line = Row(index++);
        }

        await WriteChunkAsync(stream, chunk, filled);
        await WriteAsciiAsync(stream, "0\r\n\r\n");
        await stream.FlushAsync(_stop.Token);
    }

    private async Task CutOffAsync(TcpClient connection, NetworkStream stream, long cutAfterBytes)
    {
        await WriteAsciiAsync(stream, $"HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: {_targetBytes}\r\nConnection: close\r\n\r\n");
        var row = Encoding.UTF8.GetBytes(Row(0));
        while (BytesSent + row.Length <= cutAfterBytes)
        {
            await stream.WriteAsync(row, _stop.Token);
            BytesSent += row.Length;
        }

        await stream.FlushAsync(_stop.Token);
        connection.Client.Shutdown(SocketShutdown.Both);
    }

    private async Task WriteChunkAsync(NetworkStream stream, byte[] chunk, int length)
    {
        await WriteAsciiAsync(stream, length.ToString("X", CultureInfo.InvariantCulture) + "\r\n");
        await stream.WriteAsync(chunk.AsMemory(0, length), _stop.Token);
        await WriteAsciiAsync(stream, "\r\n");
    }

    private Task WriteAsciiAsync(NetworkStream stream, string text) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(text), _stop.Token).AsTask();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
        _stop.Dispose();
    }
}
