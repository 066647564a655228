using System;
using System.IO;
using System.IO.Compression;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PgBeam.Tests.Support;

namespace PgBeam.Tests.Security;

/// <summary>Answers a loopback server writes byte by byte, for what a hostile or broken server can send.</summary>
internal static class RawResponders
{
    /// <summary>A redirect with <paramref name="location"/>, no body.</summary>
    public static LoopbackHttpServer.Responder Redirect(int status, string location) =>
        LoopbackHttpServer.Respond(status, string.Empty, "text/plain", "Location: " + location);

    /// <summary>
    /// A chunked JSON array that does not end: 64 KiB chunks until the client goes away, or until
    /// <paramref name="giveUpAfterBytes"/> (so a client without a limit fails the test rather than the machine).
    /// </summary>
    public static LoopbackHttpServer.Responder EndlessChunkedJson(long giveUpAfterBytes) =>
        async (_, socket, stopping) =>
        {
            await SendAsync(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n", stopping);
            var chunk = new StringBuilder("[");
            while (chunk.Length < 64 * 1024)
            {
                chunk.Append("0,");
            }

            var payload = Encoding.ASCII.GetBytes(chunk.ToString(1, chunk.Length - 1));
            var framed = Frame(payload);
            long total = 0;
            try
            {
                await socket.SendAsync(Encoding.ASCII.GetBytes("1\r\n[\r\n"), SocketFlags.None, stopping);
                while (total < giveUpAfterBytes && !stopping.IsCancellationRequested)
                {
                    await socket.SendAsync(framed, SocketFlags.None, stopping);
                    total += payload.Length;
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The client stopped reading and closed the connection: what a bounded reader does.
            }

            socket.Close();
        };

    /// <summary>A gzip body that inflates to <paramref name="inflatedBytes"/>: valid JSON, mostly one long string.</summary>
    public static LoopbackHttpServer.Responder GzipBomb(int inflatedBytes) =>
        async (_, socket, stopping) =>
        {
            // Every field the contract requires of a policy profile, then the padding.
            var compressed = Gzip(Transport.TransportFixtures.PolicyJson[..^1] + ""","padding":""" + "\"" + new string('0', inflatedBytes) + "\"}");
            var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: {compressed.Length}\r\n\r\n";
            await SendAsync(socket, head, stopping);
            await socket.SendAsync(compressed, SocketFlags.None, stopping);
        };

    public static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    private static async Task SendAsync(Socket socket, string text, CancellationToken stopping) =>
        await socket.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None, stopping);

    /// <summary>One chunk of a chunked body: size line, data, CRLF.</summary>
    private static byte[] Frame(byte[] payload)
    {
        var head = Encoding.ASCII.GetBytes($"{payload.Length:X}\r\n");
        var framed = new byte[head.Length + payload.Length + 2];
        head.CopyTo(framed, 0);
        payload.CopyTo(framed, head.Length);
        framed[^2] = (byte)'\r';
        framed[^1] = (byte)'\n';
        return framed;
    }
}
