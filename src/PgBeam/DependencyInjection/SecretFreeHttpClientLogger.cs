using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;
using PgBeam.Diagnostics;
using PgBeam.Http;

namespace PgBeam.DependencyInjection;

/// <summary>
/// Stands in for <c>IHttpClientFactory</c>'s default loggers on the SDK's HTTP client. The default ones mask header
/// values in the formatted text only: the structured state they hand to every sink (Serilog, OpenTelemetry…) still
/// holds <c>Authorization: Bearer …</c> and custom header values. This one writes the same events in the same
/// category (<c>System.Net.Http.HttpClient.{name}.ClientHandler</c>) with nothing secret in either: header names with
/// every value shown as <c>*</c>, the URI and names passed through the call's redactor, failures by kind only.
/// </summary>
internal sealed class SecretFreeHttpClientLogger(ILogger logger) : IHttpClientLogger
{
    private const char MaskedValue = '*';

    private static readonly Action<ILogger, string, string, Exception?> RequestStart = LoggerMessage.Define<string, string>(
        LogLevel.Information, new EventId(100, "RequestStart"), "Sending HTTP request {HttpMethod} {Uri}");

    private static readonly Action<ILogger, double, int, Exception?> RequestEnd = LoggerMessage.Define<double, int>(
        LogLevel.Information, new EventId(101, "RequestEnd"), "Received HTTP response headers after {ElapsedMilliseconds}ms - {StatusCode}");

    private static readonly Action<ILogger, string, Exception?> RequestHeaders = LoggerMessage.Define<string>(
        LogLevel.Trace, new EventId(102, "RequestHeader"), "Request Headers:\n{Headers}");

    private static readonly Action<ILogger, string, Exception?> ResponseHeaders = LoggerMessage.Define<string>(
        LogLevel.Trace, new EventId(103, "ResponseHeader"), "Response Headers:\n{Headers}");

    private static readonly Action<ILogger, string, string, double, string, Exception?> RequestFailed = LoggerMessage.Define<string, string, double, string>(
        LogLevel.Warning, new EventId(104, "RequestFailed"), "HTTP request {HttpMethod} {Uri} failed after {ElapsedMilliseconds}ms: {Failure}");

    /// <summary>The category the factory's own inner logger uses, so existing log filters keep applying.</summary>
    public static string CategoryFor(string httpClientName) => $"System.Net.Http.HttpClient.{httpClientName}.ClientHandler";

    public object? LogRequestStart(HttpRequestMessage request)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            RequestStart(logger, request.Method.Method, DescribeUri(request), null);
        }

        if (logger.IsEnabled(LogLevel.Trace))
        {
            RequestHeaders(logger, DescribeHeaders(request, request.Headers, request.Content?.Headers), null);
        }

        return null;
    }

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            RequestEnd(logger, elapsed.TotalMilliseconds, (int)response.StatusCode, null);
        }

        if (logger.IsEnabled(LogLevel.Trace))
        {
            ResponseHeaders(logger, DescribeHeaders(request, response.Headers, response.Content.Headers), null);
        }
    }

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
    {
        // The exception is not attached: its text is not the SDK's and could quote anything.
        if (logger.IsEnabled(LogLevel.Warning))
        {
            RequestFailed(logger, request.Method.Method, DescribeUri(request), elapsed.TotalMilliseconds, PgBeamErrorFactory.Describe(exception), null);
        }
    }

    private static SecretRedactor RedactorFor(HttpRequestMessage request) =>
        CallContext.Of(request)?.CreateRedactor(request) ?? new SecretRedactor();

    private static string DescribeUri(HttpRequestMessage request) =>
        RedactorFor(request).Redact(request.RequestUri?.ToString()) ?? string.Empty;

    private static string DescribeHeaders(HttpRequestMessage request, HttpHeaders headers, HttpHeaders? contentHeaders)
    {
        var text = new StringBuilder();
        Append(text, headers);
        if (contentHeaders is not null)
        {
            Append(text, contentHeaders);
        }

        // Names only; a hostile server could still choose a name that looks like a key.
        return RedactorFor(request).Redact(text.ToString()) ?? string.Empty;
    }

    private static void Append(StringBuilder text, HttpHeaders headers)
    {
        // NonValidated: only the names are needed, and reading them must not parse (or throw on) the values.
        foreach (var header in headers.NonValidated)
        {
            text.Append(header.Key).Append(": ").Append(MaskedValue).Append('\n');
        }
    }
}
