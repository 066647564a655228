using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace PgBeam.Http;

/// <summary>
/// One step of an attempt, between the retry loop and the transport: logging, auth, the attempt timeout, reading the
/// body, refusing redirects, and last the transport itself. Each does one thing and hands the message on to
/// <see cref="Next"/>; the call's facts arrive as arguments (<see cref="CallContext"/>, the attempt number), so no
/// step reads or writes a bag on the message.
/// </summary>
internal abstract class AttemptHop
{
    /// <summary>The step after this one; null only for the last (<see cref="TransportSender"/>).</summary>
    public AttemptHop? Next { get; set; }

    /// <summary>Runs this step of attempt <paramref name="attempt"/> (1 for the first) of <paramref name="call"/>.</summary>
    public abstract Task<HttpResponseMessage> SendAsync(CallContext call, int attempt, HttpRequestMessage message, CancellationToken cancellationToken);

    /// <summary>Hands the message to the next step.</summary>
    protected Task<HttpResponseMessage> NextAsync(CallContext call, int attempt, HttpRequestMessage message, CancellationToken cancellationToken) =>
        Next!.SendAsync(call, attempt, message, cancellationToken);
}
