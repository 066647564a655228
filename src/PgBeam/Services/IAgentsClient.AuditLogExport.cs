using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam;

// exportAuditLogs answers text/csv, which the templates cannot express: the contract normalizer (build/codegen) leaves it
// out of generation because this folder implements it (an ApiRequest naming the operation id), and it is declared here.
public partial interface IAgentsClient
{
    /// <summary>
    /// Export agent audit logs as CSV: opens the project's audit records, most recent first, as a stream to read.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The body is streamed as it arrives, never buffered whole and never parsed: read it (for example with a
    /// <see cref="StreamReader"/>) or copy it, and dispose it to release the connection. The request is sent with
    /// <c>Accept: text/csv</c>; an error status throws the same exceptions as every other call, before any byte is
    /// returned. The per-attempt timeout and retries cover getting the response; reading the body is bounded by
    /// <paramref name="cancellationToken"/> only. A connection lost while reading throws
    /// <see cref="PgBeamNetworkException"/> from the stream.
    /// </para>
    /// <para>Operation <c>exportAuditLogs</c>: <c>GET /v1/projects/{project_id}/audit-logs/export</c>.</para>
    /// </remarks>
    /// <param name="projectId">Project ID, such as <c>prj_xxx</c>.</param>
    /// <param name="parameters">Filters (credential, event, decision, source, time window); <see langword="null"/> exports everything.</param>
    /// <param name="requestOptions">Per-call settings; <see langword="null"/> uses the client's.</param>
    /// <param name="cancellationToken">Cancels the request, and the reads of the stream that observe it.</param>
    /// <returns>The CSV body as a read-only, forward-only stream the caller disposes.</returns>
    /// <exception cref="System.ArgumentException"><paramref name="projectId"/> is empty, blank, <c>.</c> or <c>..</c>; nothing was sent.</exception>
    /// <exception cref="PgBeamValidationException">400: The request parameters are not valid.</exception>
    /// <exception cref="PgBeamUnauthorizedException">401: Authentication is missing or was rejected.</exception>
    /// <exception cref="PgBeamForbiddenException">403: The current plan's limits do not permit this operation.</exception>
    /// <exception cref="PgBeamNotFoundException">404: The requested resource does not exist.</exception>
    /// <exception cref="PgBeamRateLimitException">429: Too many requests; wait and retry.</exception>
    /// <exception cref="PgBeamApiException">Any other error status the server answers with.</exception>
    /// <exception cref="PgBeamNetworkException">The API could not be reached, or every attempt timed out.</exception>
    Task<Stream> ExportAuditLogsAsync(string projectId, ExportAuditLogsParams? parameters = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Export agent audit logs as CSV into <paramref name="destination"/> (a file, a blob upload stream), a buffer at
    /// a time, without holding the export in memory.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Sent as <see cref="ExportAuditLogsAsync(string, ExportAuditLogsParams?, RequestOptions?, CancellationToken)"/>;
    /// <paramref name="destination"/> is written from its current position, flushed at the end, and not disposed.
    /// When the copy fails part-way, what was written stays written.
    /// </para>
    /// <para>Operation <c>exportAuditLogs</c>: <c>GET /v1/projects/{project_id}/audit-logs/export</c>.</para>
    /// </remarks>
    /// <param name="projectId">Project ID, such as <c>prj_xxx</c>.</param>
    /// <param name="destination">Where the CSV is written; must be writable.</param>
    /// <param name="parameters">Filters (credential, event, decision, source, time window); <see langword="null"/> exports everything.</param>
    /// <param name="requestOptions">Per-call settings; <see langword="null"/> uses the client's.</param>
    /// <param name="cancellationToken">Cancels the request and the copy.</param>
    /// <returns>The number of bytes written to <paramref name="destination"/>.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="destination"/> is null.</exception>
    /// <exception cref="System.ArgumentException"><paramref name="destination"/> is not writable, or <paramref name="projectId"/> is empty, blank, <c>.</c> or <c>..</c>; nothing was sent.</exception>
    /// <exception cref="PgBeamApiException">The server answered with an error status (see the other overload for the types).</exception>
    /// <exception cref="PgBeamNetworkException">The API could not be reached, or the connection was lost during the copy.</exception>
    Task<long> ExportAuditLogsAsync(string projectId, Stream destination, ExportAuditLogsParams? parameters = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default);
}
