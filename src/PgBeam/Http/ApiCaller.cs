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
/// Runs the calls of every service of one client, top to bottom: checks the options, declares the call
/// (<see cref="CallContext"/>), builds the message (<see cref="RequestMessageFactory"/>), sends it through the retry
/// loop and the steps of each attempt, turns an error status into the SDK's exception
/// (<see cref="PgBeamErrorFactory"/>), reads a JSON result (<see cref="JsonResponseReader"/>), and traces and
/// measures the call (<see cref="CallTelemetry"/>).
/// </summary>
internal sealed class ApiCaller : IDisposable
{
    private readonly RequestMessageFactory _messages;
    private readonly RetryLoop _retryLoop;
    private readonly TransportSender _transport;
    private readonly LifecycleNotices _lifecycle;
    private volatile bool _disposed;

    /// <param name="configuration">Validated settings.</param>
    /// <param name="transport">
    /// Where requests finally go: a caller's <see cref="HttpClient"/>, the one <c>IHttpClientFactory</c> built, or
    /// null for the SDK's own connection pool (disposed with this caller).
    /// </param>
    public ApiCaller(ClientConfiguration configuration, HttpMessageInvoker? transport)
    {
        Configuration = configuration;
        var options = configuration.Options;
        var logger = options.LoggerFactory?.CreateLogger(AttemptLogging.Category);
        _messages = new RequestMessageFactory(configuration);
        _transport = new TransportSender(transport);

        // The steps of one attempt, in order; the retry loop runs them once per attempt.
        var steps = new List<AttemptHop>();
        if (logger is not null)
        {
            steps.Add(new AttemptLogging(logger, options.TimeProvider));
        }

        steps.Add(new BearerAuthentication(configuration));
        steps.Add(new AttemptTimeout(options.TimeProvider));
        steps.Add(new ResponseBuffering(configuration));
        steps.Add(new RedirectRefusal(configuration.BaseUri));
        steps.Add(_transport);
        for (var i = 0; i < steps.Count - 1; i++)
        {
            steps[i].Next = steps[i + 1];
        }

        _retryLoop = new RetryLoop(configuration, steps[0]);
        _lifecycle = new LifecycleNotices(logger);
    }

    public ClientConfiguration Configuration { get; }

    public Uri BaseUri => Configuration.BaseUri;

    /// <summary>Sends a call whose success response has a JSON body of type <typeparamref name="T"/>.</summary>
    public async Task<T> SendAsync<T>(ApiRequest request, RequestOptions? options, CancellationToken cancellationToken)
    {
        var (response, _) = await SendCoreAsync(request, options, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            return JsonResponseReader.Read<T>(await BodyOfAsync(response, cancellationToken).ConfigureAwait(false), request.OperationId);
        }
    }

    /// <summary>Sends a call whose success response has no body the caller needs.</summary>
    public async Task SendAsync(ApiRequest request, RequestOptions? options, CancellationToken cancellationToken)
    {
        var (response, _) = await SendCoreAsync(request, options, cancellationToken).ConfigureAwait(false);
        response.Dispose();
    }

    /// <summary>
    /// Sends a call and returns its typed body with status, headers and attempts. A <c>304 Not Modified</c> (a
    /// conditional read whose resource did not change) is a result without a body, not an error.
    /// </summary>
    public async Task<PgBeamResponse<T>> SendWithResponseAsync<T>(ApiRequest request, RequestOptions? options, CancellationToken cancellationToken)
    {
        request.AcceptsNotModified = true;
        var (response, attempts) = await SendCoreAsync(request, options, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            var headers = ResponseHeaders.Collect(response);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new PgBeamResponse<T>(response.StatusCode, headers, attempts);
            }

            var value = JsonResponseReader.Read<T>(await BodyOfAsync(response, cancellationToken).ConfigureAwait(false), request.OperationId);
            return new PgBeamResponse<T>(response.StatusCode, headers, attempts, value);
        }
    }

    /// <summary>Sends a call whose success response has no body, and returns its status, headers and attempts.</summary>
    public async Task<PgBeamResponse> SendWithResponseAsync(ApiRequest request, RequestOptions? options, CancellationToken cancellationToken)
    {
        request.AcceptsNotModified = true;
        var (response, attempts) = await SendCoreAsync(request, options, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            return new PgBeamResponse(response.StatusCode, ResponseHeaders.Collect(response), attempts);
        }
    }

    /// <summary>
    /// Sends a call and hands back the successful response unread, for bodies the caller streams (the CSV export).
    /// The caller disposes it. Error statuses are still mapped to exceptions.
    /// </summary>
    public async Task<HttpResponseMessage> SendForStreamAsync(ApiRequest request, RequestOptions? options, CancellationToken cancellationToken) =>
        (await SendCoreAsync(request, options, cancellationToken).ConfigureAwait(false)).Response;

    /// <summary>Runs one call: the successful response (the caller disposes it) and the attempts it took.</summary>
    private async Task<(HttpResponseMessage Response, int Attempts)> SendCoreAsync(ApiRequest request, RequestOptions? options, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        options?.Validate();
        var call = new CallContext(request, options, Configuration);
        using var message = _messages.Create(call);
        using var activity = CallTelemetry.Start(request);
        var started = Stopwatch.GetTimestamp();
        int? statusCode = null;
        string? errorType = null;
        var attempts = 0;
        try
        {
            var outcome = await _retryLoop.SendAsync(call, message, cancellationToken).ConfigureAwait(false);
            attempts = outcome.Attempts;
            var response = outcome.GetResponseOrThrow();
            statusCode = (int)response.StatusCode;
            _lifecycle.Observe(response, activity, call, outcome.Sent);
            if (!response.IsSuccessStatusCode && !(request.AcceptsNotModified && response.StatusCode == HttpStatusCode.NotModified))
            {
                using (response)
                {
                    var body = DecodeText(response.Content, await BodyOfAsync(response, cancellationToken).ConfigureAwait(false));
                    var error = PgBeamErrorFactory.FromResponse(
                        response,
                        body,
                        request.OperationId,
                        Math.Max(1, attempts),
                        Configuration.Options.TimeProvider.GetUtcNow(),
                        call.CreateRedactor(outcome.Sent));
                    errorType = error.GetType().Name;
                    throw error;
                }
            }

            if (options?.OnResponse is { } onResponse)
            {
                try
                {
                    onResponse(new PgBeamResponseInfo(response.StatusCode, ResponseHeaders.Collect(response), Math.Max(1, attempts)));
                }
                catch
                {
                    response.Dispose();
                    throw;
                }
            }

            return (response, Math.Max(1, attempts));
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
            CallTelemetry.Complete(activity, request, statusCode, errorType, attempts, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>The body bytes; <see cref="ResponseBuffering"/> has already read them inside the attempt.</summary>
    private static async Task<ArraySegment<byte>> BodyOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content is BufferedResponseContent buffered)
        {
            return buffered.Body;
        }

        try
        {
            return new ArraySegment<byte>(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return ArraySegment<byte>.Empty;
        }
    }

    /// <summary>An error body as text in its declared charset (UTF-8 when none or an unknown one); null when empty.</summary>
    private static string? DecodeText(HttpContent content, ArraySegment<byte> body)
    {
        if (body.Count == 0)
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

        return encoding.GetString(body.AsSpan());
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
        _transport.Dispose();
    }
}
