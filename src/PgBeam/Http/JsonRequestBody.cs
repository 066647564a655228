using System;
using System.IO;
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

    /// <summary>The body as UTF-8 JSON, written straight to bytes.</summary>
    /// <exception cref="ArgumentException">A string in the body contains an unpaired surrogate.</exception>
    public static byte[] Serialize(object body, string operationId)
    {
        using var buffer = new MemoryStream();
        try
        {
            using (var writer = new StreamWriter(buffer, StrictUtf8, bufferSize: 1024, leaveOpen: true))
            using (var json = new JsonTextWriter(writer) { ArrayPool = JsonCharPool.Instance })
            {
                PgBeamJson.Serializer.Serialize(json, body);
            }
        }
        catch (EncoderFallbackException)
        {
            // The value is not quoted: it may be a password.
            throw new ArgumentException($"The request body of {operationId} contains a string with an unpaired UTF-16 surrogate, which UTF-8 cannot encode; nothing was sent.");
        }

        return buffer.ToArray();
    }
}
