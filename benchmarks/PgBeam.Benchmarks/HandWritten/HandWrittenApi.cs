using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Benchmarks.HandWritten;

/// <summary>
/// What a competent user writes instead of the SDK: one shared <see cref="HttpClient"/> with the key, Accept and
/// User-Agent set once, URLs built by string concatenation, a status check, and the body deserialized from the
/// response stream. No retries, timeouts per attempt, idempotency keys, tracing or error mapping: that is what the
/// SDK adds. The JSON library is the subclass's.
/// </summary>
public abstract class HandWrittenApi : IDisposable
{
    protected HandWrittenApi(HttpClient http)
    {
        Http = http;
    }

    protected HttpClient Http { get; }

    /// <summary>An <see cref="HttpClient"/> set up as a user would: base address, bearer key, Accept, User-Agent.</summary>
    public static HttpClient CreateHttpClient(HttpMessageHandler handler, Uri baseAddress, string apiKey)
    {
        var http = new HttpClient(handler, disposeHandler: true) { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("my-app", "1.0"));
        return http;
    }

    public Task<ProjectDto> GetProjectAsync(string projectId, CancellationToken cancellationToken = default) =>
        GetJsonAsync<ProjectDto>("v1/projects/" + Uri.EscapeDataString(projectId), cancellationToken);

    public Task<AgentCredentialSecretsDto> CreateAgentCredentialAsync(string projectId, CreateAgentCredentialBody body, CancellationToken cancellationToken = default) =>
        PostJsonAsync<CreateAgentCredentialBody, AgentCredentialSecretsDto>("v1/projects/" + Uri.EscapeDataString(projectId) + "/agents", body, cancellationToken);

    public Task<AuditLogPageDto> ListAuditLogsAsync(string projectId, DateTimeOffset? before, int? pageSize, CancellationToken cancellationToken = default)
    {
        var url = "v1/projects/" + Uri.EscapeDataString(projectId) + "/audit-logs";
        var separator = '?';
        if (pageSize is { } size)
        {
            url += "?page_size=" + size.ToString(CultureInfo.InvariantCulture);
            separator = '&';
        }

        if (before is { } value)
        {
            url += separator + "before=" + Uri.EscapeDataString(value.ToString("o", CultureInfo.InvariantCulture));
        }

        return GetJsonAsync<AuditLogPageDto>(url, cancellationToken);
    }

    /// <summary>Every audit entry, page by page: the next page starts strictly before the last entry seen.</summary>
    public async IAsyncEnumerable<AuditLogEntryDto> ListAllAuditLogsAsync(string projectId, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        DateTimeOffset? before = null;
        while (true)
        {
            var page = await ListAuditLogsAsync(projectId, before, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page.Entries)
            {
                yield return entry;
            }

            if (page.Entries.Count < pageSize)
            {
                yield break;
            }

            before = page.Entries[^1].Ts;
        }
    }

    protected abstract Task<T> GetJsonAsync<T>(string url, CancellationToken cancellationToken);

    protected abstract Task<TResult> PostJsonAsync<TBody, TResult>(string url, TBody body, CancellationToken cancellationToken);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Http.Dispose();
        }
    }
}
