using System;
using System.IO;

namespace PgBeam.Tests.Export;

/// <summary>A write-only sink that counts what it is given and calls back every <c>every</c> bytes, keeping nothing.</summary>
internal sealed class CountingStream : Stream
{
    private readonly long _every;
    private readonly Action<long> _onProgress;
    private long _nextCallback;

    public CountingStream(long every, Action<long> onProgress)
    {
        _every = every;
        _onProgress = onProgress;
        _nextCallback = every;
    }

    public long BytesWritten { get; private set; }

    public long Newlines { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => BytesWritten;

    public override long Position
    {
        get => BytesWritten;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        BytesWritten += buffer.Length;
        Newlines += buffer.Count((byte)'\n');
        if (BytesWritten >= _nextCallback)
        {
            _nextCallback += _every;
            _onProgress(BytesWritten);
        }
    }

    public override System.Threading.Tasks.ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, System.Threading.CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return default;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
