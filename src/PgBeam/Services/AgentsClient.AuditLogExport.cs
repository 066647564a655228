using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using PgBeam.Http;

namespace PgBeam;

// exportAuditLogs answers text/csv, so the contract normalizer (build/codegen) leaves it out of generation because this
// folder implements it (the ApiRequest below names the operation id). It is written here: the body is
// handed to the caller as a stream, never read into memory or through the JSON reader.
public partial class AgentsClient
{
    private const int ExportCopyBufferSize = 81920;

    /// <inheritdoc/>
    public virtual async Task<Stream> ExportAuditLogsAsync(string projectId, ExportAuditLogsParams? parameters = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        var request = new ApiRequest("GET", "exportAuditLogs", "v1/projects/{project_id}/audit-logs/export")
        {
            Accept = "text/csv",
            StreamResponse = true,
        };
        request.AddPathParameter("project_id", projectId, nameof(projectId));
        if (parameters is not null)
        {
            request.AddQueryParameter("credential_id", parameters.CredentialId);
            request.AddQueryParameter("event", parameters.Event);
            request.AddQueryParameter("decision", parameters.Decision);
            request.AddQueryParameter("source", parameters.Source);
            request.AddQueryParameter("start", parameters.Start);
            request.AddQueryParameter("end", parameters.End);
        }

        var response = await _caller.SendForStreamAsync(request, requestOptions, cancellationToken).ConfigureAwait(false);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new ResponseBodyStream(response, body, request.OperationId);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public virtual async Task<long> ExportAuditLogsAsync(string projectId, Stream destination, ExportAuditLogsParams? parameters = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
        {
            throw new ArgumentException("The destination stream is not writable; nothing was sent.", nameof(destination));
        }

        var source = await ExportAuditLogsAsync(projectId, parameters, requestOptions, cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var buffer = ArrayPool<byte>.Shared.Rent(ExportCopyBufferSize);
            try
            {
                long written = 0;
                int read;
                while ((read = await source.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    written += read;
                }

                await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
                return written;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
