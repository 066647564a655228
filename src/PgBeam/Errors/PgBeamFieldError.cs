using System;

namespace PgBeam;

/// <summary>
/// One part of a request the server refused on validation (an entry of the problem document's <c>errors</c>):
/// where it is, and what is wrong with it.
/// </summary>
public sealed class PgBeamFieldError
{
    /// <summary>Creates a field error; the SDK builds these from the response, tests of your own code may too.</summary>
    /// <param name="field">The dotted path of the field in the request body (<c>database.host</c>).</param>
    /// <param name="message">What is wrong with it, for people (the contract's <c>detail</c>).</param>
    /// <param name="code">A machine-readable reason, when the server sent one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="field"/> or <paramref name="message"/> is null.</exception>
    public PgBeamFieldError(string field, string message, string? code = null)
    {
        Field = field ?? throw new ArgumentNullException(nameof(field));
        Message = message ?? throw new ArgumentNullException(nameof(message));
        Code = code;
    }

    /// <summary>The dotted path of the field in the request body (<c>database.host</c>).</summary>
    public string Field { get; }

    /// <summary>A machine-readable reason for this field, when the server sent one (the contract does not promise it).</summary>
    public string? Code { get; }

    /// <summary>What is wrong with the field, for people (the entry's <c>detail</c>).</summary>
    public string Message { get; }

    /// <summary>The field and the message.</summary>
    /// <returns><c>field: message</c>.</returns>
    public override string ToString() => $"{Field}: {Message}";
}
