using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace PgBeam;

/// <summary>
/// A successful call's typed body with its raw side (<see cref="PgBeamResponse"/>): what every
/// <c>…WithResponseAsync</c> method of an operation with a body returns.
/// </summary>
/// <typeparam name="T">The body's type.</typeparam>
/// <example>
/// <code>
/// var first = await client.Projects.GetProjectWithResponseAsync("prj_xxx");
/// // Later: ask again, and get no body when nothing changed.
/// var again = await client.Projects.GetProjectWithResponseAsync("prj_xxx", ifNoneMatch: first.ETag);
/// var project = again.IsNotModified ? first.Value : again.Value;
/// </code>
/// </example>
public sealed class PgBeamResponse<T> : PgBeamResponse
{
    private readonly T? _value;

    /// <summary>Describes a response with a body; for test doubles of the service interfaces.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="headers">Response and content headers.</param>
    /// <param name="attempts">How many attempts the call took (at least 1).</param>
    /// <param name="value">The body.</param>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> or <paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempts"/> is below 1.</exception>
    public PgBeamResponse(HttpStatusCode statusCode, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, int attempts, T value)
        : base(statusCode, headers, attempts)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
        HasValue = true;
    }

    /// <summary>Describes a response without a body (a <c>304 Not Modified</c>); for test doubles of the service interfaces.</summary>
    /// <param name="statusCode">The HTTP status, typically <see cref="HttpStatusCode.NotModified"/>.</param>
    /// <param name="headers">Response and content headers.</param>
    /// <param name="attempts">How many attempts the call took (at least 1).</param>
    /// <exception cref="ArgumentNullException"><paramref name="headers"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempts"/> is below 1.</exception>
    public PgBeamResponse(HttpStatusCode statusCode, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, int attempts = 1)
        : base(statusCode, headers, attempts)
    {
    }

    /// <summary>Whether the response carries a body: false only for <see cref="PgBeamResponse.IsNotModified"/>.</summary>
    public bool HasValue { get; }

    /// <summary>The body.</summary>
    /// <exception cref="InvalidOperationException">
    /// The response has no body: the server answered <c>304 Not Modified</c> (check <see cref="PgBeamResponse.IsNotModified"/>
    /// or <see cref="HasValue"/> first, and keep using the copy whose <c>ETag</c> you sent).
    /// </exception>
    public T Value => HasValue
        ? _value!
        : throw new InvalidOperationException(IsNotModified
            ? "The server answered 304 Not Modified: the resource is unchanged since the ETag sent as ifNoneMatch, so this response has no body. Check IsNotModified (or HasValue) before reading Value, and keep using the copy you already hold."
            : $"The response ({(int)StatusCode}) has no body.");

    /// <summary>The body when there is one.</summary>
    /// <param name="value">The body, or the default value when there is none.</param>
    /// <returns>Whether there is a body.</returns>
    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value!;
        return HasValue;
    }
}
