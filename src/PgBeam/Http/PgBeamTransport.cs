using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using PgBeam.Diagnostics;
using PgBeam.Serialization;

namespace PgBeam.Http;

/// <summary>
/// Sends the calls of every service of one client through its handler chain: builds the request message, writes
/// the JSON body, maps an error status to the exception family, reads a JSON result, and traces and measures the
/// call (one activity and one duration per call; the attempts inside it belong to the handler chain).
/// </summary>
internal sealed class PgBeamTransport : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpMessageInvoker _pipeline;
    private volatile bool _disposed;

    private readonly LifecycleNotices _lifecycle;

    public PgBeamTransport(ClientConfiguration configuration, HttpMessageInvoker pipeline)
    {
        Configuration = configuration;
        _pipeline = pipeline;
        _lifecycle = new LifecycleNotices(configuration.Options.LoggerFactory?.CreateLogger(AttemptLoggingHandler.Category));
    }

    public ClientConfiguration Configuration { get; }

    public Uri BaseUri => Configuration.BaseUri;

    /// <summary>Sends a call whose success response has a JSON body of type <typeparamref name="T"/>.</summary>
    public async Task<T> SendAsync<T>(ApiRequest request, RequestOptions? options, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(request, options, cancellationToken).ConfigureAwait(false);
        return ReadJson<T>(await BodyOfAsync(response, cancellationToken).ConfigureAwait(false), request.OperationId);
    }

    /// <summary>Sends a call whose success response has no body the caller needs.</summary>
    public async Task SendAsync(ApiRequest request, RequestOptions? options, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(request, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a call and returns its typed body with status, headers and attempts. A <c>304 Not Modified</c> (a
    /// conditional read whose resource did not change) is a result without a body, not an error.
    /// </summary>
    public async Task<PgBeamResponse<T>> SendWithResponseAsync<T>(ApiRequest request, RequestOptions? options, CancellationToken cancellationToken)
    {
        request.AcceptsNotModified = true;
        var context = new PgBeamRequestContext(request, options, Configuration.ApiKey);
        using var response = await SendCoreAsync(request, options, context, cancellationToken).ConfigureAwait(false);
        var headers = ResponseHeaders.Collect(response);
        var attempts = Math.Max(1, context.Attempts);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return new PgBeamResponse<T>(response.StatusCode, headers, attempts);
        }

        var value = ReadJson<T>(await BodyOfAsync(response, cancellationToken).ConfigureAwait(false), request.OperationId);
        return new PgBeamResponse<T>(response.StatusCode, headers, attempts, value);
    }

    /// <summary>Sends a call whose success response has no body, and returns its status, headers and attempts.</summary>
    public async Task<PgBeamResponse> SendWithResponseAsync(ApiRequest request, RequestOptions? options, CancellationToken cancellationToken)
    {
        request.AcceptsNotModified = true;
        var context = new PgBeamRequestContext(request, options, Configuration.ApiKey);
        using var response = await SendCoreAsync(request, options, context, cancellationToken).ConfigureAwait(false);
        return new PgBeamResponse(response.StatusCode, ResponseHeaders.Collect(response), Math.Max(1, context.Attempts));
    }

    /// <summary>
    /// Sends a call and hands back the successful response unread, for bodies the caller streams (the CSV export).
    /// The caller disposes it. Error statuses are still mapped to exceptions.
    /// </summary>
    public Task<HttpResponseMessage> SendForStreamAsync(ApiRequest request, RequestOptions? options, CancellationToken cancellationToken) =>
        SendCoreAsync(request, options, cancellationToken);

    private Task<HttpResponseMessage> SendCoreAsync(ApiRequest request, RequestOptions? options, CancellationToken cancellationToken) =>
        SendCoreAsync(request, options, null, cancellationToken);

    /// <param name="request">The call.</param>
    /// <param name="options">The caller's per-call settings.</param>
    /// <param name="context">The call's context, when the caller wants to read it afterwards (attempts); null creates one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    private async Task<HttpResponseMessage> SendCoreAsync(ApiRequest request, RequestOptions? options, PgBeamRequestContext? context, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        options?.Validate();
        context ??= new PgBeamRequestContext(request, options, Configuration.ApiKey);
        using var message = CreateMessage(request, options, context);
        using var activity = StartActivity(request);
        var started = Stopwatch.GetTimestamp();
        int? statusCode = null;
        string? errorType = null;
        try
        {
            var response = await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            statusCode = (int)response.StatusCode;
            _lifecycle.Observe(response, request.OperationId, activity, context);
            if (!response.IsSuccessStatusCode && !(request.AcceptsNotModified && response.StatusCode == HttpStatusCode.NotModified))
            {
                using (response)
                {
                    var body = DecodeText(response.Content, await BodyOfAsync(response, cancellationToken).ConfigureAwait(false));
                    var error = PgBeamErrorFactory.FromResponse(
                        response,
                        body,
                        request.OperationId,
                        Math.Max(1, context.Attempts),
                        Configuration.Options.TimeProvider.GetUtcNow(),
                        context.CreateRedactor());
                    errorType = error.GetType().Name;
                    throw error;
                }
            }

            if (options?.OnResponse is { } onResponse)
            {
                try
                {
                    onResponse(new PgBeamResponseInfo(response.StatusCode, ResponseHeaders.Collect(response), Math.Max(1, context.Attempts)));
                }
                catch
                {
                    response.Dispose();
                    throw;
                }
            }

            return response;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            errorType = "cancelled";
            throw;
        }
        catch (ObjectDisposedException) when (_disposed)
        {
            // The client was disposed while the call was under way: say so in the client's name, not the pipeline's.
            errorType = nameof(ObjectDisposedException);
            throw Disposed();
        }
        catch (Exception ex) when (errorType is null)
        {
            errorType = ex.GetType().Name;
            throw;
        }
        finally
        {
            Complete(activity, request, statusCode, errorType, context.Attempts, Stopwatch.GetElapsedTime(started));
        }
    }

    private HttpRequestMessage CreateMessage(ApiRequest request, RequestOptions? options, PgBeamRequestContext context)
    {
        var message = new HttpRequestMessage(request.Method, request.BuildUri(Configuration.BaseUri));
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(request.Accept));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(Serialize(request.Body, request.OperationId));
            message.Content.Headers.ContentType = JsonMediaType;
        }

        if (options is not null)
        {
            // RequestOptions.Validate has checked names and values.
            foreach (var header in options.Headers)
            {
                message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        // Header parameters of the operation (If-Match, If-None-Match) win over the same names in RequestOptions.Headers.
        foreach (var header in request.Headers)
        {
            message.Headers.Remove(header.Key);
            message.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        context.AttachTo(message);
        return message;
    }

    /// <summary>Strict UTF-8: an unpaired surrogate in a string fails instead of being sent as U+FFFD (another value).</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body as UTF-8 JSON, written straight to bytes.</summary>
    /// <exception cref="ArgumentException">A string in the body contains an unpaired surrogate.</exception>
    private static byte[] Serialize(object body, string operationId)
    {
        using var buffer = new MemoryStream();
        try
        {
            using (var writer = new StreamWriter(buffer, StrictUtf8, bufferSize: 1024, leaveOpen: true))
            using (var json = new JsonTextWriter(writer))
            {
                PgBeamJson.Serializer.Serialize(json, body);
            }
        }
        catch (EncoderFallbackException)
        {
            // The value is not quoted: it may be a password.
            throw new ArgumentException($"The request body of {operationId} contains a string with an unpaired UTF-16 surrogate, which UTF-8 cannot encode; nothing was sent.");
        }

        return buffer.ToArray();
    }

    /// <summary>The body bytes; the transport handler has already read them inside the attempt.</summary>
    private static async Task<byte[]> BodyOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content is BufferedResponseContent buffered)
        {
            return buffered.Body;
        }

        try
        {
            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return [];
        }
    }

    /// <summary>An error body as text in its declared charset (UTF-8 when none or an unknown one); null when empty.</summary>
    private static string? DecodeText(HttpContent content, byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        var encoding = Encoding.UTF8;
        if (content.Headers.ContentType?.CharSet is { Length: > 0 } charset)
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown charset from a proxy's error page: read it as UTF-8 rather than fail.
            }
        }

        return encoding.GetString(body);
    }

    /// <summary>
    /// Parses a success body. When it is not the JSON the contract describes, the error says why and where (line,
    /// position, JSON path) but keeps neither Json.NET's message nor its exception: both can quote the offending
    /// value, which may be a secret in a field of an unexpected type.
    /// </summary>
    internal static T ReadJson<T>(byte[] body, string operationId)
    {
        var reader = new JsonTextReader(new StreamReader(new MemoryStream(body, writable: false), Encoding.UTF8));
        try
        {
            var result = PgBeamJson.Serializer.Deserialize<T>(reader);
            if (result is null)
            {
                throw PgBeamErrorFactory.MissingJson(operationId, IsBlank(body));
            }

            // Anything after the value (a second document, garbage) means the body is not what the contract says.
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    throw PgBeamErrorFactory.MalformedJson(operationId, reader.LineNumber, reader.LinePosition, reader.Path, "there is more content after the JSON value");
                }
            }

            return result;
        }
        catch (Exception ex) when (ex is not PgBeamSerializationException and not OperationCanceledException)
        {
            if (FindSyntaxError(body) is { } syntax)
            {
                throw PgBeamErrorFactory.MalformedJson(operationId, syntax.Line, syntax.Position, syntax.Path, syntax.Reason);
            }

            // A required field the server left out (or sent as null): name it; the name is the contract's, never a value.
            if (ex is JsonSerializationException { LineNumber: > 0 } required && MissingRequiredField(required.Message) is { } field)
            {
                throw PgBeamErrorFactory.MalformedJson(operationId, required.LineNumber, required.LinePosition, required.Path,
                    $"the required field '{field}' is missing or null");
            }

            // Json.NET's exceptions carry a position; a converter's own exception does not, and then the reader's is it.
            var (line, position, path) = ex switch
            {
                JsonReaderException { LineNumber: > 0 } r => (r.LineNumber, r.LinePosition, r.Path),
                JsonSerializationException { LineNumber: > 0 } s => (s.LineNumber, s.LinePosition, s.Path),
                _ => (reader.LineNumber, reader.LinePosition, reader.Path),
            };
            throw PgBeamErrorFactory.MalformedJson(operationId, line, position, path, "a value does not have the type the contract says");
        }
        finally
        {
            ((IDisposable)reader).Dispose();
        }
    }

    /// <summary>
    /// The field Json.NET names in "Required property 'x' not found in JSON" / "… expects a non-null value" (the
    /// generated DTOs mark required response fields Required.Always), or null for any other failure.
    /// </summary>
    private static string? MissingRequiredField(string message)
    {
        const string Prefix = "Required property '";
        if (!message.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = message.IndexOf('\'', Prefix.Length);
        return end > Prefix.Length ? message[Prefix.Length..end] : null;
    }

    /// <summary>Where <paramref name="body"/> stops being well-formed JSON, or null when it is well-formed.</summary>
    private static (int Line, int Position, string? Path, string Reason)? FindSyntaxError(byte[] body)
    {
        using var reader = new JsonTextReader(new StreamReader(new MemoryStream(body, writable: false), Encoding.UTF8))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Decimal,
            MaxDepth = PgBeamJson.Settings.MaxDepth,
        };
        var open = 0;
        try
        {
            while (reader.Read())
            {
                open += reader.TokenType switch
                {
                    JsonToken.StartObject or JsonToken.StartArray or JsonToken.StartConstructor => 1,
                    JsonToken.EndObject or JsonToken.EndArray or JsonToken.EndConstructor => -1,
                    _ => 0,
                };
            }
        }
        catch (JsonReaderException ex)
        {
            return (ex.LineNumber, ex.LinePosition, ex.Path, EndsAt(body, ex.LineNumber, ex.LinePosition) ? Truncated : "the JSON is malformed");
        }

        return open > 0 ? (reader.LineNumber, reader.LinePosition, reader.Path, Truncated) : null;
    }

    private const string Truncated = "the JSON ends before it is complete (a truncated body)";

    /// <summary>Whether a reader position is at the end of the body's text (trailing whitespace aside).</summary>
    private static bool EndsAt(byte[] body, int line, int position)
    {
        var text = Encoding.UTF8.GetString(body).TrimEnd();
        var lastBreak = text.LastIndexOf('\n');
        var lastLine = 1;
        foreach (var c in text)
        {
            lastLine += c == '\n' ? 1 : 0;
        }

        return line > lastLine || (line == lastLine && position >= text.Length - (lastBreak + 1));
    }

    private static bool IsBlank(byte[] body)
    {
        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

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

    private static void Complete(Activity? activity, ApiRequest request, int? statusCode, string? errorType, int attempts, TimeSpan elapsed)
    {
        if (activity is { IsAllDataRequested: true })
        {
            if (statusCode is { } status)
            {
                activity.SetTag("http.response.status_code", status);
            }

            if (errorType is not null)
            {
                activity.SetTag("error.type", errorType);
            }

            activity.SetTag("pgbeam.attempts", attempts);
            activity.SetStatus(errorType is null ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        }

        if (PgBeamTelemetry.CallDuration.Enabled)
        {
            var tags = new TagList { { "pgbeam.operation", request.OperationId } };
            if (statusCode is { } status)
            {
                tags.Add("http.response.status_code", status);
            }

            if (errorType is not null)
            {
                tags.Add("error.type", errorType);
            }

            PgBeamTelemetry.CallDuration.Record(elapsed.TotalSeconds, tags);
        }
    }

    /// <summary>Throws the <see cref="ObjectDisposedException"/> of a disposed <see cref="PgBeamClient"/>.</summary>
    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw Disposed();
        }
    }

    /// <summary>The exception for a call on a disposed client; <see cref="ObjectDisposedException.ObjectName"/> is <c>PgBeamClient</c>.</summary>
    private static ObjectDisposedException Disposed() =>
        new(nameof(PgBeamClient), "This PgBeamClient has been disposed and cannot send calls; create a new client.");

    public void Dispose()
    {
        _disposed = true;
        _pipeline.Dispose();
    }
}
