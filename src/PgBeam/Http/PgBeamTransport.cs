using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using PgBeam.Serialization;

namespace PgBeam.Http;

/// <summary>
/// Sends the calls of every service of one client through its handler chain: builds the request message, writes
/// the JSON body, maps an error status to the exception family, reads a JSON result, and traces the call.
/// </summary>
internal sealed class PgBeamTransport : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpMessageInvoker _pipeline;

    public PgBeamTransport(ClientConfiguration configuration, HttpMessageInvoker pipeline)
    {
        Configuration = configuration;
        _pipeline = pipeline;
    }

    public ClientConfiguration Configuration { get; }

    public Uri BaseUri => Configuration.BaseUri;

    /// <summary>Sends a call whose success response has a JSON body of type <typeparamref name="T"/>.</summary>
    public async Task<T> SendAsync<T>(ApiRequest request, RequestOptions? options, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(request, options, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync<T>(response, request.OperationId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a call whose success response has no body the caller needs.</summary>
    public async Task SendAsync(ApiRequest request, RequestOptions? options, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(request, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a call and hands back the successful response unread, for bodies the caller streams (the CSV export).
    /// The caller disposes it. Error statuses are still mapped to exceptions.
    /// </summary>
    public Task<HttpResponseMessage> SendForStreamAsync(ApiRequest request, RequestOptions? options, CancellationToken cancellationToken) =>
        SendCoreAsync(request, options, cancellationToken);

    private async Task<HttpResponseMessage> SendCoreAsync(ApiRequest request, RequestOptions? options, CancellationToken cancellationToken)
    {
        var context = new PgBeamRequestContext(request, options);
        using var message = CreateMessage(request, options, context);
        using var activity = StartActivity(request);
        var started = Stopwatch.GetTimestamp();
        var status = "error";
        try
        {
            var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!response.IsSuccessStatusCode)
            {
                using (response)
                {
                    var body = await ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false);
                    throw PgBeamErrorMapper.Create(response, body, request.OperationId, Configuration.Options.TimeProvider);
                }
            }

            options?.OnResponse?.Invoke(new PgBeamResponseInfo(response.StatusCode, PgBeamErrorMapper.CollectHeaders(response), Math.Max(1, context.Attempts)));
            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = "cancelled";
            throw;
        }
        finally
        {
            Complete(activity, request, status, context.Attempts, Stopwatch.GetElapsedTime(started));
        }
    }

    private HttpRequestMessage CreateMessage(ApiRequest request, RequestOptions? options, PgBeamRequestContext context)
    {
        var message = new HttpRequestMessage(request.Method, request.BuildUri(Configuration.BaseUri));
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(request.Accept));
        if (request.Body is not null)
        {
            var json = JsonConvert.SerializeObject(request.Body, PgBeamJson.Settings);
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
            message.Content.Headers.ContentType = JsonMediaType;
        }

        if (options is not null)
        {
            foreach (var header in options.Headers)
            {
                if (ReservedHeaders.Contains(header.Key))
                {
                    throw new ArgumentException($"RequestOptions.Headers cannot set '{header.Key}': the SDK owns that header.", nameof(options));
                }

                if (!message.Headers.TryAddWithoutValidation(header.Key, header.Value))
                {
                    throw new ArgumentException($"RequestOptions.Headers has an invalid header name '{header.Key}'.", nameof(options));
                }
            }
        }

        context.AttachTo(message);
        return message;
    }

    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", IdempotencyKeyHandler.HeaderName, "User-Agent", "Content-Type", "Content-Length", "Host",
    };

    private static async Task<string?> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return null;
        }
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, string operationId, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new JsonTextReader(new StreamReader(stream, Encoding.UTF8)) { CloseInput = true };
            try
            {
                var result = PgBeamJson.Serializer.Deserialize<T>(reader);
                if (result is null)
                {
                    throw new PgBeamSerializationException($"The response to {operationId} has an empty body where the contract promises JSON.")
                    {
                        OperationId = operationId,
                    };
                }

                // Anything after the value (a second document, garbage) means the body is not what the contract says.
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && reader.TokenType != JsonToken.Comment)
                {
                    throw Malformed(operationId, reader.LineNumber, reader.LinePosition, reader.Path, "unexpected content after the JSON value");
                }

                return result;
            }
            catch (JsonException ex)
            {
                // Json.NET's own message can quote the offending value (a secret in a mistyped field): never reuse it.
                var (line, position, path) = ex switch
                {
                    JsonReaderException r => (r.LineNumber, r.LinePosition, r.Path),
                    JsonSerializationException s => (s.LineNumber, s.LinePosition, s.Path),
                    _ => (reader.LineNumber, reader.LinePosition, reader.Path),
                };
                throw Malformed(operationId, line, position, path, ex is JsonReaderException ? "the JSON is malformed or truncated" : "a value does not have the type the contract says");
            }
        }
    }

    private static PgBeamSerializationException Malformed(string operationId, int line, int position, string? path, string reason) =>
        new($"The response to {operationId} is not valid JSON for its contract type: {reason} at line {line}, position {position}" +
            (string.IsNullOrEmpty(path) ? "." : $", path '{path}'.") + " The body is not shown because it may contain secrets.")
        {
            OperationId = operationId,
            LineNumber = line,
            LinePosition = position,
            JsonPath = path,
        };

    private static Activity? StartActivity(ApiRequest request)
    {
        if (!PgBeamTelemetry.ActivitySource.HasListeners())
        {
            return null;
        }

        var activity = PgBeamTelemetry.ActivitySource.StartActivity("PgBeam " + request.OperationId, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("pgbeam.operation", request.OperationId);
            activity.SetTag("http.request.method", request.Method.Method);
            activity.SetTag("url.template", "/" + request.PathTemplate);
            if (request.ProjectId is not null)
            {
                activity.SetTag("pgbeam.project_id", request.ProjectId);
            }
        }

        return activity;
    }

    private static void Complete(Activity? activity, ApiRequest request, string status, int attempts, TimeSpan elapsed)
    {
        if (activity is not null)
        {
            activity.SetTag("http.response.status_code", status);
            activity.SetTag("pgbeam.attempts", attempts);
            activity.SetStatus(status.StartsWith('2') ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        }

        if (PgBeamTelemetry.CallDuration.Enabled)
        {
            PgBeamTelemetry.CallDuration.Record(
                elapsed.TotalSeconds,
                new KeyValuePair<string, object?>("pgbeam.operation", request.OperationId),
                new KeyValuePair<string, object?>("http.response.status_code", status));
        }
    }

    public void Dispose() => _pipeline.Dispose();
}
