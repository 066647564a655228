using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;
using PgBeam.Serialization;

namespace PgBeam.Http;

/// <summary>Writes a request body as strict UTF-8 JSON bytes, in the SDK's wire format (<see cref="PgBeamJson"/>).</summary>
internal static class JsonRequestBody
{
    /// <summary>The body's <c>Content-Type</c>: <c>application/json; charset=utf-8</c>.</summary>
    public static readonly MediaTypeHeaderValue MediaType = new("application/json") { CharSet = "utf-8" };

    /// <summary>Strict UTF-8: an unpaired surrogate in a string fails instead of being sent as U+FFFD (another value).</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body as UTF-8 JSON content, serialized straight into one byte array that every attempt sends.</summary>
    /// <exception cref="ArgumentException">A string in the body contains an unpaired surrogate.</exception>
    public static JsonBodyContent Create(object body, string operationId)
    {
        try
        {
            using var writer = new Utf8BodyWriter(StrictUtf8);
            using (var json = new JsonTextWriter(writer) { ArrayPool = JsonCharPool.Instance, CloseOutput = false })
            {
                PgBeamJson.Serializer.Serialize(json, body);
            }

            var (buffer, length) = writer.Complete();
            return new JsonBodyContent(buffer, length);
        }
        catch (EncoderFallbackException)
        {
            // The value is not quoted: it may be a password.
            throw new ArgumentException($"The request body of {operationId} contains a string with an unpaired UTF-16 surrogate, which UTF-8 cannot encode; nothing was sent.");
        }
    }
}

/// <summary>
/// A JSON request body: the first <see cref="Length"/> bytes of <see cref="Buffer"/>, with the JSON content type. A
/// retry's copy of the request sends the same bytes (<see cref="RetryLoop"/>), so a body is serialized and held once.
/// </summary>
internal sealed class JsonBodyContent : ByteArrayContent
{
    public JsonBodyContent(byte[] buffer, int length)
        : base(buffer, 0, length)
    {
        Buffer = buffer;
        Length = length;
        Headers.ContentType = JsonRequestBody.MediaType;
    }

    /// <summary>The array the body was written into (it may be longer than the body).</summary>
    public byte[] Buffer { get; }

    /// <summary>How many bytes of <see cref="Buffer"/> the body is.</summary>
    public int Length { get; }
}
