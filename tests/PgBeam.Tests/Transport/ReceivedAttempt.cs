using System.Net.Http;

namespace PgBeam.Tests.Transport;

/// <summary>One attempt as the fake transport received it: the request message and its body, read when it arrived.</summary>
internal sealed record ReceivedAttempt(HttpRequestMessage Request, string? Body)
{
    public string? IdempotencyKey => TransportFixtures.IdempotencyKeyOf(Request);
}
