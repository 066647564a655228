using System.Collections.Generic;

namespace PgBeam.ContractTests.Calls;

/// <summary>The calls of <c>client.Webhooks</c>.</summary>
internal static class WebhooksCalls
{
    private static WebhookEndpointInput CompleteEndpoint() => new()
    {
        Url = "https://hooks.example.com/pgbeam",
        Secret = "whsec_0123456789abcdef",
        Format = WebhookPayloadFormat.Datadog,
        EventTypes = ["approval.requested", "anomaly.detected"],
        Enabled = true,
        Description = "On-call pager.",
    };

    public static IEnumerable<OperationCall> All() =>
    [
        OperationCall.Returning("createWebhookEndpoint", CallVariant.RequiredOnly, (c, ct) =>
            c.Webhooks.CreateWebhookEndpointAsync(SampleIds.Project, new WebhookEndpointInput { Url = "https://hooks.example.com/pgbeam" }, cancellationToken: ct)),
        OperationCall.Returning("createWebhookEndpoint", CallVariant.AllFields, (c, ct) =>
            c.Webhooks.CreateWebhookEndpointAsync(SampleIds.Project, CompleteEndpoint(), cancellationToken: ct)),

        OperationCall.Returning("listWebhookEndpoints", CallVariant.RequiredOnly, (c, ct) =>
            c.Webhooks.ListWebhookEndpointsAsync(SampleIds.Project, cancellationToken: ct)),
        OperationCall.Returning("listWebhookEndpoints", CallVariant.AllFields, (c, ct) =>
            c.Webhooks.ListWebhookEndpointsAsync(SampleIds.Project, new ListWebhookEndpointsParams { PageSize = 100, PageToken = SampleIds.PageToken }, cancellationToken: ct)),

        .. OperationCall.Returning("getWebhookEndpoint", (c, ct) => c.Webhooks.GetWebhookEndpointAsync(SampleIds.Project, SampleIds.Webhook, cancellationToken: ct)),

        OperationCall.Returning("updateWebhookEndpoint", CallVariant.RequiredOnly, (c, ct) =>
            c.Webhooks.UpdateWebhookEndpointAsync(SampleIds.Project, SampleIds.Webhook, new WebhookEndpointInput { Url = "https://hooks.example.com/pgbeam-v2" }, cancellationToken: ct)),
        OperationCall.Returning("updateWebhookEndpoint", CallVariant.AllFields, (c, ct) =>
            c.Webhooks.UpdateWebhookEndpointAsync(SampleIds.Project, SampleIds.Webhook, CompleteEndpoint(), cancellationToken: ct)),

        .. OperationCall.WithoutBody("deleteWebhookEndpoint", (c, ct) => c.Webhooks.DeleteWebhookEndpointAsync(SampleIds.Project, SampleIds.Webhook, cancellationToken: ct)),
        .. OperationCall.Returning("testWebhookEndpoint", (c, ct) => c.Webhooks.TestWebhookEndpointAsync(SampleIds.Project, SampleIds.Webhook, cancellationToken: ct)),
    ];
}
