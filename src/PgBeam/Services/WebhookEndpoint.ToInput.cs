using System;
using PgBeam.Serialization;

namespace PgBeam;

public partial class WebhookEndpoint
{
    /// <summary>
    /// An input carrying every current setting of this endpoint plus the signing secret you pass, for a
    /// read-modify-write update: <c>UpdateWebhookEndpointAsync</c> replaces the endpoint's settings.
    /// </summary>
    /// <remarks>
    /// The signing secret is write-only: PgBeam never returns it, so this endpoint cannot carry it over and the helper
    /// makes you decide. Pass the secret you signed with to keep it (or a new one to rotate it). Pass
    /// <see langword="null"/> only to send the update without a secret: since the update replaces the settings, that
    /// can leave deliveries unsigned. Fields this SDK version does not know are carried over unchanged.
    /// </remarks>
    /// <param name="secret">The signing secret to send with the update, or <see langword="null"/> to send none.</param>
    /// <returns>A new <see cref="WebhookEndpointInput"/>; change what you need and pass it to <c>UpdateWebhookEndpointAsync</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is empty or whitespace (use <see langword="null"/> to send none).</exception>
    /// <example>
    /// <code>
    /// var hook = await client.Webhooks.GetWebhookEndpointAsync(projectId, "wh_xxx");
    /// var input = hook.ToInput(secret: signingSecret);
    /// input.Enabled = false;
    /// await client.Webhooks.UpdateWebhookEndpointAsync(projectId, hook.Id, input);
    /// </code>
    /// </example>
    public WebhookEndpointInput ToInput(string? secret)
    {
        if (secret is not null && string.IsNullOrWhiteSpace(secret))
        {
            throw new ArgumentException("The webhook secret cannot be empty or whitespace; pass null to send no secret.", nameof(secret));
        }

        return new WebhookEndpointInput
        {
            Url = Url,
            Secret = secret,
            Format = Format,
            EventTypes = ModelCopy.Values(EventTypes),
            Enabled = Enabled,
            Description = Description,
            AdditionalProperties = ModelCopy.AdditionalProperties<WebhookEndpointInput>(AdditionalProperties),
        };
    }
}
