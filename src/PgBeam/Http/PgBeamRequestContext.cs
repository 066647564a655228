using System.Net.Http;

namespace PgBeam.Http;

/// <summary>What the handler chain needs to know about the call a request message belongs to.</summary>
internal sealed class PgBeamRequestContext
{
    private static readonly HttpRequestOptionsKey<PgBeamRequestContext> Key = new("PgBeam.RequestContext");

    public PgBeamRequestContext(ApiRequest request, RequestOptions? options)
    {
        OperationId = request.OperationId;
        PathTemplate = request.PathTemplate;
        ProjectId = request.ProjectId;
        StreamResponse = request.StreamResponse;
        Options = options;
    }

    public string OperationId { get; }

    public string PathTemplate { get; }

    public string? ProjectId { get; }

    public bool StreamResponse { get; }

    public RequestOptions? Options { get; }

    /// <summary>Attempts made so far; the retry handler counts them.</summary>
    public int Attempts { get; set; }

    public void AttachTo(HttpRequestMessage message) => message.Options.Set(Key, this);

    /// <summary>The context of <paramref name="message"/>, or null for a request that did not come from the SDK.</summary>
    public static PgBeamRequestContext? Of(HttpRequestMessage message) =>
        message.Options.TryGetValue(Key, out var context) ? context : null;
}
