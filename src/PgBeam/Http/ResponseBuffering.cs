using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Http;

/// <summary>
/// Reads the response body completely inside the attempt (its timeout and the caller's token apply), up to
/// <see cref="PgBeamClientOptions.MaxResponseBytes"/>, so a connection reset or a stall mid-body is a failed attempt
/// the retry loop can repeat. Only a successful streamed response (the CSV export) is handed back unread, for the caller.
/// </summary>
internal sealed class ResponseBuffering : AttemptHop
{
    /// <summary>The first read buffer when the body's length is not announced.</summary>
    private const int InitialBufferSize = 16 * 1024;

    private readonly long _maxResponseBytes;

    public ResponseBuffering(ClientConfiguration configuration)
    {
        // A byte array cannot hold more, and the limit plus one byte must fit in one.
        _maxResponseBytes = Math.Min(configuration.Options.MaxResponseBytes, Array.MaxLength - 1L);
    }

    public override async Task<HttpResponseMessage> SendAsync(CallContext call, int attempt, HttpRequestMessage message, CancellationToken cancellationToken)
    {
        var response = await NextAsync(call, attempt, message, cancellationToken).ConfigureAwait(false);
        if (call.Request.StreamResponse && response.IsSuccessStatusCode)
        {
            return response;
        }

        try
        {
            await BufferContentAsync(response, call, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }

    /// <summary>
    /// Reads the whole body, cancellably and at most <see cref="PgBeamClientOptions.MaxResponseBytes"/> of it (as the
    /// content stream yields it, i.e. after decompression), and puts it back as an in-memory content with the same
    /// headers. (One code path for every target: <c>LoadIntoBufferAsync</c> takes no token before .NET 9.)
    /// </summary>
    private async Task BufferContentAsync(HttpResponseMessage response, CallContext call, CancellationToken cancellationToken)
    {
        var original = response.Content;
        var announced = original.Headers.ContentLength;
        if (announced > _maxResponseBytes)
        {
            throw TooLarge(response, call, announced);
        }

        var (rented, length) = await ReadBoundedAsync(response, call, announced, cancellationToken).ConfigureAwait(false);
        var buffered = new BufferedResponseContent(rented, length);
        foreach (var header in original.Headers)
        {
            // ByteArrayContent knows its own length; the rest (type, encoding, language…) stays as the server sent it.
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        response.Content = buffered;
        original.Dispose();
    }

    /// <summary>
    /// The body, in an array rented from <see cref="ArrayPool{T}.Shared"/> (given back here on failure, else by the
    /// <see cref="BufferedResponseContent"/> that owns it), and how many of its bytes are the body.
    /// </summary>
    private async Task<(byte[] Rented, int Length)> ReadBoundedAsync(HttpResponseMessage response, CallContext call, long? announced, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            // An announced length sizes the buffer (the pool may lend a longer one); a read of nothing, or one probe
            // when the buffer is exactly full, then confirms the end of the body.
            var buffer = ArrayPool<byte>.Shared.Rent(announced is { } length ? (int)length : (int)Math.Min(InitialBufferSize, _maxResponseBytes + 1));
            try
            {
                var count = 0;
                while (true)
                {
                    if (count == buffer.Length)
                    {
                        if (count > _maxResponseBytes)
                        {
                            throw TooLarge(response, call, announced);
                        }

                        if (await ProbeEndAsync(stream, cancellationToken).ConfigureAwait(false) is not { } extra)
                        {
                            return (buffer, count);
                        }

                        // More than the buffer holds: grow (doubling, but never past the limit plus the one byte that proves it).
                        var grown = (int)Math.Min(Math.Max((long)buffer.Length * 2, InitialBufferSize), _maxResponseBytes + 1);
                        if (grown <= count)
                        {
                            throw TooLarge(response, call, announced);
                        }

                        var larger = ArrayPool<byte>.Shared.Rent(grown);
                        buffer.AsSpan(0, count).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                        buffer[count++] = extra;
                        continue;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return (buffer, count);
                    }

                    count += read;
                    if (count > _maxResponseBytes)
                    {
                        throw TooLarge(response, call, announced);
                    }
                }
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
        }
    }

    /// <summary>Reads one byte: null at the end of the body, else that byte.</summary>
    private static async Task<byte?> ProbeEndAsync(Stream stream, CancellationToken cancellationToken)
    {
        var one = ArrayPool<byte>.Shared.Rent(1);
        try
        {
            return await stream.ReadAsync(one.AsMemory(0, 1), cancellationToken).ConfigureAwait(false) == 0 ? null : one[0];
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(one);
        }
    }

    private PgBeamResponseTooLargeException TooLarge(HttpResponseMessage response, CallContext call, long? announced) =>
        PgBeamErrorFactory.ResponseTooLarge(response.StatusCode, announced, _maxResponseBytes, call.OperationId);
}
