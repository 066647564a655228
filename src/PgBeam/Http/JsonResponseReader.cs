using System;
using System.IO;
using System.Text;
using Newtonsoft.Json;
using PgBeam.Serialization;

namespace PgBeam.Http;

/// <summary>
/// Reads a success body as the contract type of its operation, and, when it is not that, finds where and why (line,
/// position, JSON path) for <see cref="PgBeamErrorFactory.MalformedJson"/>, without ever quoting the body.
/// </summary>
internal static class JsonResponseReader
{
    /// <summary>
    /// Parses a success body. When it is not the JSON the contract describes, the error says why and where (line,
    /// position, JSON path) but keeps neither Json.NET's message nor its exception: both can quote the offending
    /// value, which may be a secret in a field of an unexpected type.
    /// </summary>
    public static T Read<T>(ArraySegment<byte> body, string operationId)
    {
        var reader = new JsonTextReader(TextOf(body)) { ArrayPool = JsonCharPool.Instance };
        try
        {
            var result = PgBeamJson.Serializer.Deserialize<T>(reader);
            if (result is null)
            {
                throw PgBeamErrorFactory.MissingJson(operationId, IsBlank(body));
            }

            // Anything after the value (a second document, garbage) means the body is not what the contract says.
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    throw PgBeamErrorFactory.MalformedJson(operationId, reader.LineNumber, reader.LinePosition, reader.Path, "there is more content after the JSON value");
                }
            }

            return result;
        }
        catch (Exception ex) when (ex is not PgBeamSerializationException and not OperationCanceledException)
        {
            if (FindSyntaxError(body) is { } syntax)
            {
                throw PgBeamErrorFactory.MalformedJson(operationId, syntax.Line, syntax.Position, syntax.Path, syntax.Reason);
            }

            // A required field the server left out (or sent as null): name it; the name is the contract's, never a value.
            if (ex is JsonSerializationException { LineNumber: > 0 } required && MissingRequiredField(required.Message) is { } field)
            {
                throw PgBeamErrorFactory.MalformedJson(operationId, required.LineNumber, required.LinePosition, required.Path,
                    $"the required field '{field}' is missing or null");
            }

            // Json.NET's exceptions carry a position; a converter's own exception does not, and then the reader's is it.
            var (line, position, path) = ex switch
            {
                JsonReaderException { LineNumber: > 0 } r => (r.LineNumber, r.LinePosition, r.Path),
                JsonSerializationException { LineNumber: > 0 } s => (s.LineNumber, s.LinePosition, s.Path),
                _ => (reader.LineNumber, reader.LinePosition, reader.Path),
            };
            throw PgBeamErrorFactory.MalformedJson(operationId, line, position, path, "a value does not have the type the contract says");
        }
        finally
        {
            ((IDisposable)reader).Dispose();
        }
    }

    /// <summary>
    /// The field Json.NET names in "Required property 'x' not found in JSON" / "… expects a non-null value" (the
    /// generated DTOs mark required response fields Required.Always), or null for any other failure.
    /// </summary>
    private static string? MissingRequiredField(string message)
    {
        const string Prefix = "Required property '";
        if (!message.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var end = message.IndexOf('\'', Prefix.Length);
        return end > Prefix.Length ? message[Prefix.Length..end] : null;
    }

    /// <summary>Where <paramref name="body"/> stops being well-formed JSON, or null when it is well-formed.</summary>
    /// <summary>
    /// The body as text: decoded in place as UTF-8, or by a <see cref="StreamReader"/> when a UTF-16 or UTF-32 byte
    /// order mark says it is not UTF-8 (the reader detects those; the body is not copied either way).
    /// </summary>
    private static TextReader TextOf(ArraySegment<byte> body) =>
        Utf8BodyReader.HasOtherByteOrderMark(body)
            ? new StreamReader(new MemoryStream(body.Array ?? [], body.Offset, body.Count, writable: false), Encoding.UTF8)
            : new Utf8BodyReader(body);

    private static (int Line, int Position, string? Path, string Reason)? FindSyntaxError(ArraySegment<byte> body)
    {
        using var reader = new JsonTextReader(TextOf(body))
        {
            ArrayPool = JsonCharPool.Instance,
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Decimal,
            MaxDepth = PgBeamJson.Settings.MaxDepth,
        };
        var open = 0;
        try
        {
            while (reader.Read())
            {
                open += reader.TokenType switch
                {
                    JsonToken.StartObject or JsonToken.StartArray or JsonToken.StartConstructor => 1,
                    JsonToken.EndObject or JsonToken.EndArray or JsonToken.EndConstructor => -1,
                    _ => 0,
                };
            }
        }
        catch (JsonReaderException ex)
        {
            return (ex.LineNumber, ex.LinePosition, ex.Path, EndsAt(body, ex.LineNumber, ex.LinePosition) ? Truncated : "the JSON is malformed");
        }

        return open > 0 ? (reader.LineNumber, reader.LinePosition, reader.Path, Truncated) : null;
    }

    private const string Truncated = "the JSON ends before it is complete (a truncated body)";

    /// <summary>Whether a reader position is at the end of the body's text (trailing whitespace aside).</summary>
    private static bool EndsAt(ArraySegment<byte> body, int line, int position)
    {
        var text = Encoding.UTF8.GetString(body.AsSpan()).TrimEnd();
        var lastBreak = text.LastIndexOf('\n');
        var lastLine = 1;
        foreach (var c in text)
        {
            lastLine += c == '\n' ? 1 : 0;
        }

        return line > lastLine || (line == lastLine && position >= text.Length - (lastBreak + 1));
    }

    private static bool IsBlank(ArraySegment<byte> body)
    {
        foreach (var b in body.AsSpan())
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
