using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class WebhookTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public async Task Create_fills_defaults_and_never_returns_the_secret()
    {
        var project = await CreateProjectAsync();

        var hook = await Client.Webhooks.CreateWebhookEndpointAsync(project.Id, new WebhookEndpointInput
        {
            Url = "https://example.com/pgbeam/events",
            Secret = "whsec_do_not_echo",
            EventTypes = [WebhookEventType.ApprovalRequested, WebhookEventType.AnomalyAlert],
        });
        var read = await Client.Webhooks.GetWebhookEndpointAsync(project.Id, hook.Id);

        Assert.That(hook.Id, Does.StartWith("whk_"));
        Assert.That(hook.Format, Is.EqualTo(WebhookPayloadFormat.Json));
        Assert.That(hook.Enabled, Is.True);
        Assert.That(hook.EventTypes, Is.EqualTo(new[] { WebhookEventType.ApprovalRequested, WebhookEventType.AnomalyAlert }));
        Assert.That(hook.AdditionalProperties, Is.Empty);
        Assert.That(read.AdditionalProperties, Is.Empty);
        Assert.That(read.Url, Is.EqualTo("https://example.com/pgbeam/events"));
    }

    [Test]
    public async Task A_url_that_is_not_https_is_rejected_naming_the_field()
    {
        var project = await CreateProjectAsync();

        var error = Assert.ThrowsAsync<PgBeamValidationException>(() => Client.Webhooks.CreateWebhookEndpointAsync(project.Id, new WebhookEndpointInput { Url = "http://example.com/hook" }));

        Assert.That(error!.ServerMessage, Does.Contain("url").And.Contain("https"));
    }

    [Test]
    public async Task Update_replaces_the_settings_and_delete_removes_the_endpoint()
    {
        var project = await CreateProjectAsync();
        var hook = await Client.Webhooks.CreateWebhookEndpointAsync(project.Id, new WebhookEndpointInput { Url = "https://example.com/a", Description = "first" });

        var updated = await Client.Webhooks.UpdateWebhookEndpointAsync(project.Id, hook.Id, new WebhookEndpointInput { Url = "https://example.com/b", Format = WebhookPayloadFormat.Datadog, Enabled = false });
        await Client.Webhooks.DeleteWebhookEndpointAsync(project.Id, hook.Id);

        Assert.That(updated.Url, Is.EqualTo("https://example.com/b"));
        Assert.That(updated.Format, Is.EqualTo(WebhookPayloadFormat.Datadog));
        Assert.That(updated.Enabled, Is.False);
        Assert.That(updated.Description, Is.Null);
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Webhooks.GetWebhookEndpointAsync(project.Id, hook.Id));
        Assert.That((await Client.Webhooks.ListWebhookEndpointsAsync(project.Id)).Webhooks, Is.Empty);
    }

    [Test]
    public async Task A_test_delivery_is_recorded_not_sent()
    {
        var project = await CreateProjectAsync();
        var hook = await Client.Webhooks.CreateWebhookEndpointAsync(project.Id, new WebhookEndpointInput { Url = "https://example.com/hook" });
        Clock.Advance(TimeSpan.FromSeconds(3));

        var result = await Client.Webhooks.TestWebhookEndpointAsync(project.Id, hook.Id);

        Assert.That(result.Status, Is.EqualTo("delivered"));
        Assert.That(result.StatusCode, Is.EqualTo(200));
        var delivery = Sandbox.WebhookDeliveries.Single();
        Assert.That(delivery.DeliveryId, Is.EqualTo(result.DeliveryId));
        Assert.That(delivery.WebhookId, Is.EqualTo(hook.Id));
        Assert.That(delivery.Url, Is.EqualTo("https://example.com/hook"));
        Assert.That(delivery.EventType, Is.EqualTo("test"));
        Assert.That(delivery.CreatedAt, Is.EqualTo(Start.AddSeconds(3)));
    }

    [Test]
    public async Task A_test_delivery_to_a_disabled_endpoint_fails()
    {
        var project = await CreateProjectAsync();
        var hook = await Client.Webhooks.CreateWebhookEndpointAsync(project.Id, new WebhookEndpointInput { Url = "https://example.com/hook", Enabled = false });

        var result = await Client.Webhooks.TestWebhookEndpointAsync(project.Id, hook.Id);

        Assert.That(result.Status, Is.EqualTo("failed"));
        Assert.That(result.Error, Does.Contain("disabled"));
        Assert.That(Sandbox.WebhookDeliveries.Single().Status, Is.EqualTo("failed"));
    }

    [Test]
    public async Task List_pages_through_the_endpoints()
    {
        var project = await CreateProjectAsync();
        var ids = new System.Collections.Generic.List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await Client.Webhooks.CreateWebhookEndpointAsync(project.Id, new WebhookEndpointInput { Url = $"https://example.com/{i}" })).Id);
        }

        var first = await Client.Webhooks.ListWebhookEndpointsAsync(project.Id, new ListWebhookEndpointsParams { PageSize = 2 });
        var second = await Client.Webhooks.ListWebhookEndpointsAsync(project.Id, new ListWebhookEndpointsParams { PageSize = 2, PageToken = first.NextPageToken });

        Assert.That(first.Webhooks.Concat(second.Webhooks).Select(w => w.Id), Is.EqualTo(ids));
    }

    [Test]
    public async Task Testing_an_unknown_endpoint_is_404()
    {
        var project = await CreateProjectAsync();

        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Webhooks.TestWebhookEndpointAsync(project.Id, "whk_missing"));
        Assert.That(Sandbox.WebhookDeliveries, Is.Empty);
    }
}
