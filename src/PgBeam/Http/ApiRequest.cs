using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text;
using PgBeam.Serialization;

namespace PgBeam.Http;

/// <summary>
/// One operation call as the generated clients describe it: method, operation id, path template with its escaped
/// segments, query and body. Every argument is checked here, before anything is sent.
/// </summary>
internal sealed class ApiRequest
{
    private readonly List<KeyValuePair<string, string>> _query = [];
    private List<KeyValuePair<string, string>>? _headers;
    private string _path;

    public ApiRequest(string method, string operationId, string pathTemplate)
    {
        Method = new HttpMethod(method);
        OperationId = operationId;
        PathTemplate = pathTemplate.TrimStart('/');
        _path = PathTemplate;
    }

    public HttpMethod Method { get; }

    /// <summary>The contract's operation id (<c>createAgentCredential</c>).</summary>
    public string OperationId { get; }

    /// <summary>The contract's path, without a leading slash; used in logs and traces, never with ids in it.</summary>
    public string PathTemplate { get; }

    /// <summary>The project id of the call, when the path has one (for traces).</summary>
    public string? ProjectId { get; private set; }

    /// <summary>The JSON body, already checked for required fields.</summary>
    public object? Body { get; private set; }

    /// <summary>The media type the operation answers with.</summary>
    public string Accept { get; init; } = "application/json";

    /// <summary>Whether the caller reads the response body as a stream (CSV export) rather than as JSON.</summary>
    public bool StreamResponse { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Query => _query;

    /// <summary>Header parameters the contract declares for the operation (<c>If-Match</c>), as the caller set them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers ?? (IReadOnlyList<KeyValuePair<string, string>>)[];

    /// <summary>Whether the operation gets an automatic <c>Idempotency-Key</c> (see <see cref="IdempotencyKeyUse"/>).</summary>
    public IdempotencyKeyUse IdempotencyKeyUse { get; init; }

    /// <summary>
    /// Whether a <c>304 Not Modified</c> is a result rather than an error: set for the <c>…WithResponseAsync</c>
    /// variants, which can return a response without a body.
    /// </summary>
    public bool AcceptsNotModified { get; set; }

    /// <summary>Adds a header parameter; a null value sends nothing.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> contains a line break or NUL (the message never repeats the value).</exception>
    public void AddHeader(string name, string? value, string parameterName)
    {
        if (value is null)
        {
            return;
        }

        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new ArgumentException($"'{parameterName}' contains a line break or NUL, which a header value cannot hold; nothing was sent.", parameterName);
        }

        (_headers ??= []).Add(new(name, value));
    }

    /// <summary>Puts one escaped path segment in place of <c>{name}</c>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is empty, blank, <c>.</c> or <c>..</c>.</exception>
    public void AddPathParameter(string name, string value, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"'{parameterName}' cannot be empty or whitespace; nothing was sent.", parameterName);
        }

        if (value is "." or "..")
        {
            throw new ArgumentException($"'{parameterName}' cannot be '.' or '..': URL normalisation would send the request to another resource; nothing was sent.", parameterName);
        }

        if (!IsWellFormedUtf16(value))
        {
            // Escaping would turn the surrogate into U+FFFD, and the call would name another resource.
            throw new ArgumentException($"'{parameterName}' contains an unpaired UTF-16 surrogate, which UTF-8 cannot encode; nothing was sent.", parameterName);
        }

        if (name == "project_id")
        {
            ProjectId = value;
        }

        // EscapeDataString escapes '/', '?', '#', '%' and ':', so a value is always exactly one segment.
        _path = _path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
    }

    /// <exception cref="ArgumentException"><paramref name="value"/> contains an unpaired surrogate.</exception>
    public void AddQueryParameter(string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (!IsWellFormedUtf16(value))
        {
            throw new ArgumentException($"The query parameter '{name}' contains an unpaired UTF-16 surrogate, which UTF-8 cannot encode; nothing was sent.", name);
        }

        _query.Add(new(name, value));
    }

    public void AddQueryParameter(string name, int? value) =>
        AddQueryParameter(name, value?.ToString(CultureInfo.InvariantCulture));

    public void AddQueryParameter(string name, long? value) =>
        AddQueryParameter(name, value?.ToString(CultureInfo.InvariantCulture));

    public void AddQueryParameter(string name, double? value) =>
        AddQueryParameter(name, value?.ToString("R", CultureInfo.InvariantCulture));

    public void AddQueryParameter(string name, bool? value) =>
        AddQueryParameter(name, value is null ? null : value.Value ? "true" : "false");

    /// <summary><c>format: date-time</c>: ISO 8601 with offset (round-trip "o" format).</summary>
    public void AddQueryParameter(string name, DateTimeOffset? value) =>
        AddQueryParameter(name, value?.ToString("o", CultureInfo.InvariantCulture));

    /// <summary><c>format: date</c>: <c>yyyy-MM-dd</c>.</summary>
    public void AddQueryParameter(string name, DateOnly? value) =>
        AddQueryParameter(name, value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>Extensible enums: their wire value.</summary>
    public void AddQueryParameter<TEnum>(string name, TEnum? value)
        where TEnum : struct, IExtensibleEnum<TEnum> =>
        AddQueryParameter(name, value?.Value);

    /// <summary>Sets the JSON body after checking that it is there and that its required fields are set.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="ArgumentException">A required field is not set; the message names it.</exception>
    public void SetJsonBody(object body, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(body, parameterName);
        if (body is IPgBeamModel model)
        {
            model.Validate(parameterName);
        }

        Body = body;
    }

    /// <summary>Whether every surrogate in <paramref name="value"/> is half of a pair, so that UTF-8 can encode it as it is.</summary>
    internal static bool IsWellFormedUtf16(string value)
    {
        var span = value.AsSpan();
        var first = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (first < 0)
        {
            return true;
        }

        for (var i = first; i < span.Length; i++)
        {
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(span[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The absolute URI under <paramref name="baseUri"/> (which ends in '/').</summary>
    public Uri BuildUri(Uri baseUri)
    {
        var builder = new StringBuilder(baseUri.AbsoluteUri).Append(_path);
        for (var i = 0; i < _query.Count; i++)
        {
            builder.Append(i == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(_query[i].Key))
                .Append('=')
                .Append(Uri.EscapeDataString(_query[i].Value));
        }

        // dontEscape is obsolete; the string is already escaped and Uri keeps %2F and the literal ':' as they are.
        return new Uri(builder.ToString(), UriKind.Absolute);
    }
}
