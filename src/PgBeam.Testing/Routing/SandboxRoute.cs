using System;
using System.Collections.Generic;
using System.Linq;
using PgBeam.Testing.Contract;

namespace PgBeam.Testing.Routing;

/// <summary>One operation of the contract and how the sandbox answers it.</summary>
internal sealed class SandboxRoute
{
    private readonly string[] _segments;

    public SandboxRoute(ContractOperation operation, SandboxRouteKind kind, Func<SandboxCall, SandboxResult>? endpoint, string? notOfferedReason = null)
    {
        Operation = operation;
        Kind = kind;
        Endpoint = endpoint;
        NotOfferedReason = notOfferedReason;
        _segments = operation.Template.Trim('/').Split('/');
        Specificity = new string(_segments.Select(s => IsParameter(s) ? '0' : '1').ToArray());
    }

    public ContractOperation Operation { get; }

    public string Method => Operation.Method;

    /// <summary>The contract's path (<c>/v1/projects/{project_id}/agents</c>).</summary>
    public string Template => Operation.Template;

    public string OperationId => Operation.OperationId;

    public SandboxRouteKind Kind { get; }

    /// <summary>Null when the sandbox does not offer the operation (it answers 501).</summary>
    public Func<SandboxCall, SandboxResult>? Endpoint { get; }

    /// <summary>Why it is not offered (outside the SDK, or what stops derivation); null otherwise.</summary>
    public string? NotOfferedReason { get; }

    /// <summary>False for the operations the contract leaves open (health).</summary>
    public bool RequiresAuthentication => Operation.RequiresAuthentication;

    /// <summary>Literal segments as '1', parameters as '0': of two templates matching one path, the higher wins.</summary>
    public string Specificity { get; }

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
            if (IsParameter(part))
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

    private static bool IsParameter(string segment) => segment.Length > 2 && segment[0] == '{' && segment[^1] == '}';
}
