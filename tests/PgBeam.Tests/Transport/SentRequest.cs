using System.Net.Http;

namespace PgBeam.Tests.Transport;

/// <summary>A request the fake transport received, with its body read when it arrived.</summary>
internal sealed record SentRequest(HttpRequestMessage Request, string? Body)
{
    public string? IdempotencyKey => TransportFixtures.IdempotencyKeyOf(Request);
}
