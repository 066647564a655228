using System.Net.Http;
using PgBeam.Diagnostics;

namespace PgBeam.Http;

/// <summary>
/// What the handler chain needs to know about the call a request message belongs to. It travels in the message's
/// options, so every attempt's copy of the message shares the one context of its call.
/// </summary>
internal sealed class PgBeamRequestContext
{
    private static readonly HttpRequestOptionsKey<PgBeamRequestContext> Key = new("PgBeam.RequestContext");

    /// <summary>Custom header values shorter than this are not treated as secrets when redacting (they would mask common words).</summary>
    private const int MinimumHeaderSecretLength = 8;

    private readonly string? _apiKey;
    private readonly object? _body;

    public PgBeamRequestContext(ApiRequest request, RequestOptions? options, string? apiKey)
    {
        OperationId = request.OperationId;
        PathTemplate = request.PathTemplate;
        ProjectId = request.ProjectId;
        StreamResponse = request.StreamResponse;
        IdempotencyKeyUse = request.IdempotencyKeyUse;
        Options = options;
        _apiKey = apiKey;
        _body = request.Body;
    }

    public string OperationId { get; }

    /// <summary>The contract path without a leading slash (<c>v1/projects/{project_id}/agents</c>): safe to log.</summary>
    public string PathTemplate { get; }

    public string? ProjectId { get; }

    public bool StreamResponse { get; }

    /// <summary>What the contract says about <c>Idempotency-Key</c> for the operation.</summary>
    public IdempotencyKeyUse IdempotencyKeyUse { get; }

    public RequestOptions? Options { get; }

    /// <summary>Attempts started so far; the retry handler counts them, so during an attempt it is that attempt's number.</summary>
    public int Attempts { get; set; }

    /// <summary>
    /// The bearer token a token provider supplied for the latest attempt, kept only so that an error message
    /// echoing it can be redacted (see <c>SecretRedactor</c>).
    /// </summary>
    public string? ProvidedToken { get; set; }

    /// <summary>
    /// A redactor for text the call puts in a message: it knows the key or the latest provided token, the body's
    /// <c>x-sensitive</c> values and the custom header values, besides the shapes every redactor masks.
    /// </summary>
    public SecretRedactor CreateRedactor()
    {
        var redactor = new SecretRedactor()
            .Add(_apiKey)
            .Add(ProvidedToken)
            .AddSensitiveValuesOf(_body);
        if (Options is not null)
        {
            foreach (var value in Options.Headers.Values)
            {
                if (value.Length >= MinimumHeaderSecretLength)
                {
                    redactor.Add(value);
                }
            }
        }

        return redactor;
    }

    public void AttachTo(HttpRequestMessage message) => message.Options.Set(Key, this);

    /// <summary>The context of <paramref name="message"/>, or null for a request that did not come from the SDK.</summary>
    public static PgBeamRequestContext? Of(HttpRequestMessage message) =>
        message.Options.TryGetValue(Key, out var context) ? context : null;
}
