using System;
using System.IO;
using System.Text;

namespace PgBeam.Http;

/// <summary>
/// A <see cref="TextReader"/> that decodes UTF-8 straight from a body already in memory, for Json.NET: no stream and
/// no buffers of its own (a <see cref="StreamReader"/> over a <see cref="MemoryStream"/> would allocate both). It
/// reads as <c>new StreamReader(stream, Encoding.UTF8)</c> does a UTF-8 body: a leading byte order mark is skipped
/// and an invalid sequence becomes U+FFFD. (A body with a UTF-16 or UTF-32 byte order mark is for a StreamReader,
/// which detects it: see <see cref="HasOtherByteOrderMark"/>.)
/// </summary>
internal sealed class Utf8BodyReader : TextReader
{
    private readonly byte[] _bytes;
    private readonly int _end;
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private int _position;
    private bool _finished;
    private char _pending;
    private bool _hasPending;

    public Utf8BodyReader(ArraySegment<byte> body)
    {
        _bytes = body.Array ?? [];
        _position = body.Offset;
        _end = body.Offset + body.Count;
        if (body.AsSpan().StartsWith(Encoding.UTF8.Preamble))
        {
            _position += Encoding.UTF8.Preamble.Length;
        }
    }

    /// <summary>Whether <paramref name="body"/> starts with a UTF-16 or UTF-32 byte order mark (FE FF, FF FE, 00 00 FE FF).</summary>
    public static bool HasOtherByteOrderMark(ReadOnlySpan<byte> body) =>
        body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
        || body.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]);

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var written = 0;
        if (_hasPending)
        {
            buffer[0] = _pending;
            _hasPending = false;
            written = 1;
        }

        var rest = buffer[written..];
        if (rest.IsEmpty || _finished)
        {
            return written;
        }

        if (rest.Length >= 2)
        {
            return written + Decode(rest);
        }

        // One free place, and the next character may be a surrogate pair: decode into two, keep the second for later.
        Span<char> two = stackalloc char[2];
        var produced = Decode(two);
        if (produced > 0)
        {
            rest[0] = two[0];
            written++;
            if (produced == 2)
            {
                _pending = two[1];
                _hasPending = true;
            }
        }

        return written;
    }

    /// <summary>Decodes what is left into <paramref name="chars"/> (at least two places); 0 only at the end.</summary>
    private int Decode(Span<char> chars)
    {
        var produced = 0;
        while (produced == 0 && !_finished)
        {
            _decoder.Convert(_bytes.AsSpan(_position, _end - _position), chars, flush: true, out var used, out produced, out var completed);
            _position += used;
            if (completed && _position == _end)
            {
                _finished = true;
            }
            else if (used == 0 && produced == 0)
            {
                // Nothing moved (cannot happen with two places); stop rather than spin.
                _finished = true;
            }
        }

        return produced;
    }
}
