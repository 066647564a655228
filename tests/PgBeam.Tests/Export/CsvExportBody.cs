using System;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PgBeam.Tests.Support;

namespace PgBeam.Tests.Export;

/// <summary>
/// An audit-log export body for <see cref="LoopbackHttpServer"/>: CSV generated row by row as the client reads it
/// (chunked transfer encoding, backpressure from TCP), so no body exists in memory, or a body announced whole and cut
/// part-way. It counts what went on the wire.
/// </summary>
internal sealed class CsvExportBody(long targetBytes)
{
    public const string Header = "id,project_id,credential_id,event,decision,ts,sql\n";

    /// <summary>Body bytes written to the client.</summary>
    public long BytesSent { get; private set; }

    /// <summary>Data rows written (the header line excluded).</summary>
    public long RowsSent { get; private set; }

    public static string Row(long index) =>
        string.Create(CultureInfo.InvariantCulture, $"aud_{index:D10},prj_1,agt_1,blocked,block,2026-01-01T00:00:00.{index % 1_000_000:D6}Z,\"select * from orders where id = {index}\"\n");

    /// <summary>Answers with at least the target bytes of CSV (whole rows), chunked.</summary>
    public LoopbackHttpServer.Responder Streamed() => async (_, socket, stopping) =>
    {
        using var stream = new NetworkStream(socket, ownsSocket: false);
        await WriteAsciiAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/csv; charset=utf-8\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n", stopping);
        var chunk = new byte[64 * 1024];
        var filled = 0;
        var line = Header;
        long index = 0;
        while (true)
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            if (filled + bytes.Length > chunk.Length)
            {
                await WriteChunkAsync(stream, chunk, filled, stopping);
                filled = 0;
            }

            bytes.CopyTo(chunk, filled);
            filled += bytes.Length;
            BytesSent += bytes.Length;
            if (index > 0)
            {
                RowsSent++;
            }

            if (BytesSent >= targetBytes)
            {
                break;
            }

            line = Row(index++);
        }

        await WriteChunkAsync(stream, chunk, filled, stopping);
        await WriteAsciiAsync(stream, "0\r\n\r\n", stopping);
        await stream.FlushAsync(stopping);
    };

    /// <summary>Announces the target bytes (<c>Content-Length</c>) but shuts the connection after <paramref name="cutAfterBytes"/>.</summary>
    public LoopbackHttpServer.Responder CutOffAfter(long cutAfterBytes) => async (_, socket, stopping) =>
    {
        using var stream = new NetworkStream(socket, ownsSocket: false);
        await WriteAsciiAsync(stream, $"HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\nContent-Length: {targetBytes}\r\nConnection: close\r\n\r\n", stopping);
        var row = Encoding.UTF8.GetBytes(Row(0));
        while (BytesSent + row.Length <= cutAfterBytes)
        {
            await stream.WriteAsync(row, stopping);
            BytesSent += row.Length;
        }

        await stream.FlushAsync(stopping);
        socket.Shutdown(SocketShutdown.Both);
    };

    private static async Task WriteChunkAsync(NetworkStream stream, byte[] chunk, int length, CancellationToken stopping)
    {
        await WriteAsciiAsync(stream, length.ToString("X", CultureInfo.InvariantCulture) + "\r\n", stopping);
        await stream.WriteAsync(chunk.AsMemory(0, length), stopping);
        await WriteAsciiAsync(stream, "\r\n", stopping);
    }

    private static Task WriteAsciiAsync(NetworkStream stream, string text, CancellationToken stopping) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(text), stopping).AsTask();
}
