using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace PgBeam.Benchmarks.HandWritten;

/// <summary>
/// The user's alternative the targets are measured against: <see cref="HttpClient"/> + Newtonsoft.Json, the response
/// read from its stream (headers first, then a <see cref="JsonTextReader"/> over the body), the request body written
/// with <see cref="JsonConvert.SerializeObject(object?, JsonSerializerSettings?)"/> into a <see cref="StringContent"/>.
/// </summary>
public sealed class NewtonsoftApi(HttpClient http) : HandWrittenApi(http)
{
    private static readonly JsonSerializerSettings Settings = new()
    {
        ContractResolver = new DefaultContractResolver { NamingStrategy = new SnakeCaseNamingStrategy() },
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.DateTimeOffset,
    };

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);

    protected override async Task<T> GetJsonAsync<T>(string url, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task<TResult> PostJsonAsync<TBody, TResult>(string url, TBody body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(JsonConvert.SerializeObject(body, Settings), Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(url, content, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<TResult>(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var json = new JsonTextReader(reader);
        return Serializer.Deserialize<T>(json) ?? throw new InvalidDataException("The response body is empty.");
    }
}
