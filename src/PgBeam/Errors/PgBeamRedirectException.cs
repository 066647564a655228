using System;
using System.Net;

namespace PgBeam;

/// <summary>
/// The API answered with a redirect (3xx), or the answer came from another origin than
/// <see cref="PgBeamClientOptions.BaseUrl"/> because the transport followed one. The SDK never follows redirects: a
/// redirect to another host would carry the request body, custom headers and (in some transports) the key there, and
/// its answer would pass for the API's. Not retried.
/// </summary>
public sealed class PgBeamRedirectException : PgBeamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was refused; names the status and the target origin, never a path or query.</param>
    /// <param name="statusCode">The status of the refused answer.</param>
    /// <param name="targetOrigin">Where the redirect pointed (<c>scheme://host[:port]</c>), or null when it named no usable location.</param>
    /// <param name="operationId">The contract operation id of the call, when known.</param>
    public PgBeamRedirectException(string message, HttpStatusCode statusCode, string? targetOrigin, string? operationId)
        : base(message)
    {
        StatusCode = statusCode;
        TargetOrigin = targetOrigin;
        OperationId = operationId;
    }

    /// <summary>
    /// The status of the refused answer: the 3xx itself, or, when a caller-supplied <see cref="System.Net.Http.HttpClient"/>
    /// followed the redirect, the status the other origin answered with.
    /// </summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The origin (<c>scheme://host[:port]</c>) the redirect pointed to; never its path or query string.</summary>
    public string? TargetOrigin { get; }

    /// <summary>The contract operation id of the call (<c>createDatabase</c>), when known.</summary>
    public string? OperationId { get; }
}
