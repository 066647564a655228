using System.IO;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Benchmarks.HandWritten;

/// <summary>
/// The floor: <see cref="HttpClient"/> + System.Text.Json through <c>System.Net.Http.Json</c>
/// (<c>GetFromJsonAsync</c>, <c>PostAsJsonAsync</c>, <c>ReadFromJsonAsync</c>), snake_case names, one shared options object.
/// </summary>
public sealed class SystemTextJsonApi(HttpClient http) : HandWrittenApi(http)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    protected override async Task<T> GetJsonAsync<T>(string url, CancellationToken cancellationToken) =>
        await Http.GetFromJsonAsync<T>(url, Options, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidDataException("The response body is empty.");

    protected override async Task<TResult> PostJsonAsync<TBody, TResult>(string url, TBody body, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync(url, body, Options, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<TResult>(Options, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException("The response body is empty.");
    }
}
