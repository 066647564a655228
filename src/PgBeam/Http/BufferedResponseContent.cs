using System.Net.Http;

namespace PgBeam.Http;

/// <summary>
/// A response body read completely inside its attempt. It keeps the bytes reachable, so the transport parses
/// them in place (no copy, no string) and can look at them again to say where malformed JSON goes wrong.
/// </summary>
internal sealed class BufferedResponseContent(byte[] body) : ByteArrayContent(body)
{
    public byte[] Body { get; } = body;
}
