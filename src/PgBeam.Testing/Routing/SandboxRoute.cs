using System;
using System.Collections.Generic;

namespace PgBeam.Testing.Routing;

/// <summary>One operation of the contract: method, path template, operation id and, when modelled, its endpoint.</summary>
internal sealed class SandboxRoute
{
    private readonly string[] _segments;

    public SandboxRoute(string method, string template, string operationId, Func<SandboxCall, SandboxResult>? endpoint, bool requiresAuthentication = true)
    {
        Method = method;
        Template = template;
        OperationId = operationId;
        Endpoint = endpoint;
        RequiresAuthentication = requiresAuthentication;
        _segments = template.Trim('/').Split('/');
    }

    public string Method { get; }

    /// <summary>The contract's path (<c>/v1/projects/{project_id}/agents</c>).</summary>
    public string Template { get; }

    public string OperationId { get; }

    /// <summary>Null when the sandbox does not model the operation (it answers 501).</summary>
    public Func<SandboxCall, SandboxResult>? Endpoint { get; }

    /// <summary>False for the operations the contract leaves open (health).</summary>
    public bool RequiresAuthentication { get; }

    /// <summary>Matches unescaped path segments against the template, collecting the <c>{name}</c> values.</summary>
    public bool TryMatch(IReadOnlyList<string> segments, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (segments.Count != _segments.Length)
        {
            return false;
        }

        for (var i = 0; i < _segments.Length; i++)
        {
            var part = _segments[i];
            if (part.Length > 2 && part[0] == '{' && part[^1] == '}')
            {
                if (segments[i].Length == 0)
                {
                    return false;
                }

                values[part[1..^1]] = segments[i];
            }
            else if (!string.Equals(part, segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
