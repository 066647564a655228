using System;
using System.Buffers;
using System.Net.Http;
using System.Threading;

namespace PgBeam.Http;

/// <summary>
/// A response body read completely inside its attempt, into an array lent by <see cref="ArrayPool{T}.Shared"/>. It
/// keeps the bytes reachable, so the transport parses them in place (no copy, no string) and can look at them again
/// to say where malformed JSON goes wrong; disposing the response gives the array back (once), so a call, even one
/// with a large page, allocates no body array of its own.
/// </summary>
internal sealed class BufferedResponseContent : ByteArrayContent
{
    private byte[]? _rented;

    /// <param name="rented">An array from <see cref="ArrayPool{T}.Shared"/>, which this content now owns.</param>
    /// <param name="length">How many of its bytes are the body.</param>
    public BufferedResponseContent(byte[] rented, int length)
        : base(rented, 0, length)
    {
        _rented = rented;
        Body = new ArraySegment<byte>(rented, 0, length);
    }

    /// <summary>The body; valid until the content (the response) is disposed.</summary>
    public ArraySegment<byte> Body { get; }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _rented, null) is { } rented)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        base.Dispose(disposing);
    }
}
