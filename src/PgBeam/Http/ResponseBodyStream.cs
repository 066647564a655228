using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Http;

/// <summary>
/// A streamed response body handed to the caller (the CSV export): read-only and forward-only, it owns the response
/// so that disposing the stream releases the connection, and it turns a connection lost mid-body into
/// <see cref="PgBeamNetworkException"/> like every other transport failure of the SDK.
/// </summary>
internal sealed class ResponseBodyStream : Stream
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly string _operationId;
    private readonly long? _length;
    private readonly long _openedAt = Stopwatch.GetTimestamp();
    private long _read;
    private bool _disposed;

    public ResponseBodyStream(HttpResponseMessage response, Stream body, string operationId)
    {
        _response = response;
        _body = body;
        _operationId = operationId;
        _length = response.Content.Headers.ContentLength;
    }

    public override bool CanRead => !_disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    /// <summary>The Content-Length the server announced; a chunked body has none.</summary>
    public override long Length => _length ?? throw new NotSupportedException("The export is streamed without a Content-Length; read it to the end instead.");

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException("The export stream is forward-only.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            return Count(_body.Read(buffer));
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw Interrupted(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            return Count(await _body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw Interrupted(ex);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("The export stream is forward-only.");

    public override void SetLength(long value) => throw new NotSupportedException("The export stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("The export stream is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _body.Dispose();
            _response.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await _body.DisposeAsync().ConfigureAwait(false);
            _response.Dispose();
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    private int Count(int read)
    {
        _read += read;
        return read;
    }

    private PgBeamNetworkException Interrupted(Exception inner) =>
        PgBeamErrorFactory.BodyInterrupted(_operationId, _read, Stopwatch.GetElapsedTime(_openedAt), inner);
}
