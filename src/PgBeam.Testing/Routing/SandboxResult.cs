using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;
using Newtonsoft.Json;
using PgBeam.Serialization;

namespace PgBeam.Testing.Routing;

/// <summary>What the sandbox answers to one request, before it becomes an <see cref="System.Net.Http.HttpResponseMessage"/>.</summary>
internal sealed class SandboxResult
{
    private SandboxResult(HttpStatusCode status, byte[]? body, string? errorCode)
    {
        Status = status;
        Body = body;
        ErrorCode = errorCode;
    }

    public HttpStatusCode Status { get; }

    /// <summary>The JSON body; null for 204.</summary>
    public byte[]? Body { get; }

    /// <summary>The envelope's code when this is an error.</summary>
    public string? ErrorCode { get; }

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    /// <summary>A JSON body written with the SDK's own settings, so it is exactly what the SDK reads.</summary>
    public static SandboxResult Json(HttpStatusCode status, object value) =>
        new(status, Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(value, PgBeamJson.Settings)), null);

    public static SandboxResult NoContent() => new(HttpStatusCode.NoContent, null, null);

    /// <summary>The contract's error envelope.</summary>
    public static SandboxResult Error(HttpStatusCode status, string code, string message, TimeSpan? retryAfter = null)
    {
        var envelope = new ErrorResponse { Error = new ErrorDetail { Code = code, Message = message } };
        var result = new SandboxResult(status, Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(envelope, PgBeamJson.Settings)), code);
        if (retryAfter is { } wait)
        {
            // The contract states Retry-After as whole seconds; round up so a client never retries early.
            var seconds = (long)Math.Ceiling(Math.Max(0, wait.TotalSeconds));
            result.Headers.Add(new("Retry-After", seconds.ToString(CultureInfo.InvariantCulture)));
        }

        return result;
    }

    public static SandboxResult From(SandboxProblem problem) => Error(problem.Status, problem.Code, problem.Message);
}
