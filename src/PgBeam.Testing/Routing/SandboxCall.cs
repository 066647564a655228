using System;
using System.Collections.Generic;
using PgBeam.Testing.State;
using PgBeam.Testing.Validation;

namespace PgBeam.Testing.Routing;

/// <summary>One request as an endpoint sees it: path values, query, body, the sandbox state and its clock.</summary>
internal sealed class SandboxCall
{
    private readonly IReadOnlyDictionary<string, string> _pathValues;
    private readonly byte[]? _body;

    private readonly Func<string, string?> _header;

    public SandboxCall(SandboxState state, IReadOnlyDictionary<string, string> pathValues, QueryParameters query, byte[]? body, Func<string, string?>? header = null)
    {
        _header = header ?? (_ => null);
        State = state;
        _pathValues = pathValues;
        Query = query;
        _body = body;
        Now = state.Now();
    }

    public SandboxState State { get; }

    public QueryParameters Query { get; }

    /// <summary>The sandbox clock when the request arrived.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>A path value (<c>project_id</c>), unescaped.</summary>
    public string Path(string name) => _pathValues[name];

    /// <summary>A request header's value (several joined by commas), or null when it was not sent.</summary>
    public string? Header(string name) => _header(name);

    /// <summary>The body as sent, or null.</summary>
    public byte[]? RawBody => _body;

    /// <summary>Every path value, unescaped, by name.</summary>
    public IReadOnlyDictionary<string, string> PathValues => _pathValues;

    /// <summary>The body, which the operation requires to be a JSON object.</summary>
    public JsonBody Body() => JsonBody.Parse(_body);

    /// <summary>The body of an operation whose body is optional; absent reads as <c>{}</c>.</summary>
    public JsonBody OptionalBody() => JsonBody.ParseOptional(_body);
}
