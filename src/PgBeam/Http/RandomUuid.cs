using System;
using System.Security.Cryptography;

namespace PgBeam.Http;

/// <summary>
/// Version 4 (random) UUIDs from the cryptographic generator, drawn 32 at a time per thread, so an idempotency key
/// does not cost a call into the operating system's random source each time, as <see cref="Guid.NewGuid"/> does.
/// </summary>
internal static class RandomUuid
{
    private const int BatchSize = 32 * 16;

    [ThreadStatic]
    private static byte[]? t_batch;

    [ThreadStatic]
    private static int t_next;

    /// <summary>A new random UUID in the <c>D</c> format (<c>xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx</c>).</summary>
    public static string Next()
    {
        var batch = t_batch ??= new byte[BatchSize];
        if (t_next == 0)
        {
            RandomNumberGenerator.Fill(batch);
        }

        Span<byte> bytes = stackalloc byte[16];
        batch.AsSpan(t_next, 16).CopyTo(bytes);
        batch.AsSpan(t_next, 16).Clear(); // a key is never kept around after it was handed out
        t_next = (t_next + 16) % BatchSize;

        // RFC 9562: version 4 in the high nibble of byte 6, variant 10 in the top bits of byte 8 (big-endian layout).
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }
}
