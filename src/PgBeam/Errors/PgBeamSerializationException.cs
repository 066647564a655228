using System;

namespace PgBeam;

/// <summary>
/// A successful response's body was not the JSON the contract describes. The message says where parsing
/// failed (line, position, path) but never repeats the body, which may hold secrets.
/// </summary>
public sealed class PgBeamSerializationException : PgBeamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Where and why parsing failed.</param>
    /// <param name="innerException">Not kept when it would echo body content; see the message.</param>
    public PgBeamSerializationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>The contract operation id of the call, when known.</summary>
    public string? OperationId { get; init; }

    /// <summary>The line in the body where parsing failed, when known.</summary>
    public int? LineNumber { get; init; }

    /// <summary>The position in that line where parsing failed, when known.</summary>
    public int? LinePosition { get; init; }

    /// <summary>The JSON path where parsing failed, when known.</summary>
    public string? JsonPath { get; init; }
}
