using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PgBeam.Serialization;
using PgBeam.Testing.Contract;

namespace PgBeam.Testing.Routing;

/// <summary>What the sandbox answers to one request, before it becomes an <see cref="System.Net.Http.HttpResponseMessage"/>.</summary>
internal sealed class SandboxResult
{
    public const string JsonMediaType = "application/json";
    public const string ProblemMediaType = "application/problem+json";

    private SandboxResult(HttpStatusCode status, byte[]? body, string? contentType, SandboxProblem? problem)
    {
        Status = status;
        Body = body;
        ContentType = contentType;
        Problem = problem;
    }

    public HttpStatusCode Status { get; }

    /// <summary>The body; null when there is none (204, 304), or while a problem is not yet rendered.</summary>
    public byte[]? Body { get; }

    /// <summary>The media type of <see cref="Body"/>.</summary>
    public string? ContentType { get; }

    /// <summary>The error this answer reports, or null for a success.</summary>
    public SandboxProblem? Problem { get; }

    /// <summary>The problem's code when this is an error.</summary>
    public string? ErrorCode => Problem?.Code;

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    /// <summary>A JSON body written with the SDK's own settings, so it is exactly what the SDK reads.</summary>
    public static SandboxResult Json(HttpStatusCode status, object value) =>
        new(status, Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(value, SdkJson.Settings)), JsonMediaType, null);

    /// <summary>A JSON body from a token (a derived answer).</summary>
    public static SandboxResult Json(HttpStatusCode status, JToken value) =>
        new(status, Encoding.UTF8.GetBytes(value.ToString(Formatting.None)), JsonMediaType, null);

    public static SandboxResult Text(HttpStatusCode status, string mediaType, string text) =>
        new(status, Encoding.UTF8.GetBytes(text), mediaType, null);

    public static SandboxResult NoContent() => new(HttpStatusCode.NoContent, null, null, null);

    /// <summary>A status with no body (202, 204, 304).</summary>
    public static SandboxResult Empty(HttpStatusCode status) => new(status, null, null, null);

    /// <summary>An error; its problem document is written by <see cref="Rendered"/>, once the request id is known.</summary>
    public static SandboxResult Error(HttpStatusCode status, string code, string message, TimeSpan? retryAfter = null) =>
        From(new SandboxProblem(status, code, message), retryAfter);

    public static SandboxResult From(SandboxProblem problem, TimeSpan? retryAfter = null)
    {
        var result = new SandboxResult(problem.Status, null, null, problem);
        if (retryAfter is { } wait)
        {
            // The contract states Retry-After as whole seconds; round up so a client never retries early.
            var seconds = (long)Math.Ceiling(Math.Max(0, wait.TotalSeconds));
            result.Headers.Add(new("Retry-After", seconds.ToString(CultureInfo.InvariantCulture)));
        }

        return result;
    }

    /// <summary>
    /// This answer with its problem document written: RFC 9457 members (<c>type</c>, <c>title</c>, <c>status</c>,
    /// <c>detail</c>, <c>instance</c>, <c>code</c>, <c>request_id</c>, <c>errors</c>), served as
    /// <c>application/problem+json</c>. Where the operation's contract declares a plain JSON error body that requires
    /// an <c>error</c> envelope (contracts before problem documents), the envelope is added and the media type is the
    /// declared one, so the answer is valid under either contract.
    /// </summary>
    public SandboxResult Rendered(string requestId, string instance, ContractOperation? operation, SandboxContract contract)
    {
        if (Problem is not { } problem || Body is not null)
        {
            return this;
        }

        var document = new JObject
        {
            ["type"] = "https://pgbeam.com/docs/api/errors/" + problem.Code.ToLowerInvariant().Replace('_', '-'),
            ["title"] = Title(problem.Code),
            ["status"] = (int)problem.Status,
            ["detail"] = problem.Message,
            ["instance"] = instance,
            ["code"] = problem.Code,
            ["request_id"] = requestId,
        };
        if (problem.FieldErrors.Count > 0)
        {
            // detail is the contract's member; message is kept beside it for readers of the older field-error shape.
            document["errors"] = new JArray(problem.FieldErrors.Select(e => new JObject
            {
                ["field"] = e.Field,
                ["code"] = e.Code,
                ["detail"] = e.Message,
                ["message"] = e.Message,
            }));
        }

        var mediaType = ProblemMediaType;
        var declared = operation?.ResponseFor((int)problem.Status)?.Content;
        if (declared is { Count: > 0 } && !declared.ContainsKey(ProblemMediaType) && declared.TryGetValue(JsonMediaType, out var schema))
        {
            mediaType = JsonMediaType;
            if (schema is not null && contract.Flatten(schema).Required.Contains("error"))
            {
                document["error"] = new JObject { ["code"] = problem.Code, ["message"] = problem.Message };
            }
        }

        var rendered = new SandboxResult(Status, Encoding.UTF8.GetBytes(document.ToString(Formatting.None)), mediaType, problem);
        rendered.Headers.AddRange(Headers);
        return rendered;
    }

    /// <summary>A short summary from the code: <c>INVALID_INPUT</c> → "Invalid input".</summary>
    private static string Title(string code)
    {
        var words = code.ToLowerInvariant().Replace('_', ' ');
        return words.Length == 0 ? "Error" : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
