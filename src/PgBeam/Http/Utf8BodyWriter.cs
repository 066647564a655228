using System;
using System.IO;
using System.Text;

namespace PgBeam.Http;

/// <summary>
/// A <see cref="TextWriter"/> that encodes what Json.NET writes straight into one growable byte array, as strict
/// UTF-8: no stream, no intermediate character or byte buffer, no final copy. An unpaired surrogate throws
/// <see cref="EncoderFallbackException"/> (at the latest when <see cref="Complete"/> flushes the encoder).
/// </summary>
internal sealed class Utf8BodyWriter : TextWriter
{
    /// <summary>The first buffer: most request bodies fit in it.</summary>
    private const int InitialSize = 256;

    private readonly Encoder _encoder;
    private readonly Encoding _encoding;
    private byte[] _buffer = new byte[InitialSize];
    private int _length;

    /// <param name="encoding">A UTF-8 encoding; its fallback decides what an unpaired surrogate does.</param>
    public Utf8BodyWriter(UTF8Encoding encoding)
    {
        _encoding = encoding;
        _encoder = encoding.GetEncoder();
    }

    public override Encoding Encoding => _encoding;

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        Encode(buffer, flush: false);
    }

    /// <summary>Flushes the encoder (a dangling high surrogate fails here) and hands back the array and its used length.</summary>
    public (byte[] Buffer, int Length) Complete()
    {
        Encode(ReadOnlySpan<char>.Empty, flush: true);
        return (_buffer, _length);
    }

    private void Encode(ReadOnlySpan<char> chars, bool flush)
    {
        // At most three bytes a UTF-16 unit, plus four for a surrogate pair the encoder held back from the last write.
        var needed = (long)_length + ((long)chars.Length * 3) + 4;
        if (needed > _buffer.Length)
        {
            var size = Math.Max(needed, Math.Min((long)_buffer.Length * 2, Array.MaxLength));
            if (size > Array.MaxLength)
            {
                throw new InvalidOperationException("The request body is too large for one array.");
            }

            Array.Resize(ref _buffer, (int)size);
        }

        _length += _encoder.GetBytes(chars, _buffer.AsSpan(_length), flush);
    }
}
