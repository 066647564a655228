namespace PgBeam.Testing.State;

/// <summary>A webhook endpoint and its signing secret, which the API accepts but never returns.</summary>
internal sealed class StoredWebhook(WebhookEndpoint endpoint)
{
    public WebhookEndpoint Endpoint { get; } = endpoint;

    public string? Secret { get; set; }
}
