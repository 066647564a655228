using System;
using System.Net;
using PgBeam.Testing.Routing;
using PgBeam.Testing.State;
using PgBeam.Testing.Validation;

namespace PgBeam.Testing.Endpoints;

/// <summary>
/// Webhook endpoints: create, list, get, replace (PUT), delete, and test deliveries, which are recorded
/// (<see cref="PgBeamSandbox.WebhookDeliveries"/>) and never sent: the sandbox makes no network calls.
/// </summary>
internal static class WebhooksApi
{
    public static SandboxResult Create(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var input = Read(call.Body());
        var id = state.NewId("whk");
        var stored = new StoredWebhook(new WebhookEndpoint { Id = id, ProjectId = project.Id, CreatedAt = call.Now });
        Apply(input, stored, call.Now);
        state.Webhooks.Add(id, state.NextSequence(), stored);
        return SandboxResult.Json(HttpStatusCode.Created, stored.Endpoint);
    }

    public static SandboxResult List(SandboxCall call)
    {
        var state = call.State;
        var project = state.RequireProject(call.Path("project_id"));
        var (webhooks, next) = state.Webhooks.Page(w => w.Endpoint.ProjectId == project.Id, call.Query.PageSize(), call.Query.String("page_token", idPattern: true));
        return SandboxResult.Json(HttpStatusCode.OK, new ListWebhookEndpointsResponse
        {
            Webhooks = webhooks.ConvertAll(w => w.Endpoint),
            NextPageToken = next,
        });
    }

    public static SandboxResult Get(SandboxCall call)
    {
        var projectId = call.State.RequireProject(call.Path("project_id")).Id;
        return SandboxResult.Json(HttpStatusCode.OK, call.State.RequireWebhook(projectId, call.Path("webhook_id")).Endpoint);
    }

    /// <summary>PUT replaces the settings; a secret left out keeps the current one (it cannot be read back to resend).</summary>
    public static SandboxResult Update(SandboxCall call)
    {
        var state = call.State;
        var projectId = state.RequireProject(call.Path("project_id")).Id;
        var stored = state.RequireWebhook(projectId, call.Path("webhook_id"));
        Apply(Read(call.Body()), stored, call.Now);
        return SandboxResult.Json(HttpStatusCode.OK, stored.Endpoint);
    }

    public static SandboxResult Delete(SandboxCall call)
    {
        var state = call.State;
        var projectId = state.RequireProject(call.Path("project_id")).Id;
        var stored = state.RequireWebhook(projectId, call.Path("webhook_id"));
        state.Webhooks.Delete(stored.Endpoint.Id);
        return SandboxResult.NoContent();
    }

    public static SandboxResult Test(SandboxCall call)
    {
        var state = call.State;
        var projectId = state.RequireProject(call.Path("project_id")).Id;
        var endpoint = state.RequireWebhook(projectId, call.Path("webhook_id")).Endpoint;
        var enabled = endpoint.Enabled != false;
        var delivery = new SandboxWebhookDelivery(
            state.NewId("whd"),
            projectId,
            endpoint.Id,
            endpoint.Url,
            "test",
            enabled ? "delivered" : "failed",
            enabled ? 200 : null,
            enabled ? null : "The endpoint is disabled.",
            call.Now);
        state.WebhookDeliveries.Add(delivery);
        return SandboxResult.Json(HttpStatusCode.Accepted, new WebhookTestResponse
        {
            DeliveryId = delivery.DeliveryId,
            Status = delivery.Status,
            StatusCode = delivery.StatusCode,
            Error = delivery.Error,
        });
    }

    private static WebhookEndpointInput Read(JsonBody body)
    {
        var url = body.String("url", required: true, minLength: 1, maxLength: 2048)!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw body.Invalid("url", "must be an absolute https:// URL");
        }

        body.String("secret", maxLength: 256);
        body.OneOf("format", WebhookPayloadFormat.KnownValues);
        body.StringArray("event_types");
        body.Boolean("enabled");
        body.String("description", maxLength: 256);
        return body.As<WebhookEndpointInput>();
    }

    private static void Apply(WebhookEndpointInput input, StoredWebhook stored, DateTimeOffset now)
    {
        var endpoint = stored.Endpoint;
        endpoint.Url = input.Url;
        endpoint.Format = input.Format ?? WebhookPayloadFormat.Json;
        endpoint.EventTypes = input.EventTypes ?? [];
        endpoint.Enabled = input.Enabled ?? true;
        endpoint.Description = input.Description;
        endpoint.UpdatedAt = now;
        stored.Secret = input.Secret ?? stored.Secret;
    }
}
