using System;

namespace PgBeam.Testing;

/// <summary>A delivery the sandbox recorded instead of sending (it never makes network calls), such as a test delivery.</summary>
public sealed class SandboxWebhookDelivery
{
    internal SandboxWebhookDelivery(string deliveryId, string projectId, string webhookId, string url, string eventType, string status, int? statusCode, string? error, DateTimeOffset createdAt)
    {
        DeliveryId = deliveryId;
        ProjectId = projectId;
        WebhookId = webhookId;
        Url = url;
        EventType = eventType;
        Status = status;
        StatusCode = statusCode;
        Error = error;
        CreatedAt = createdAt;
    }

    /// <summary>The id the API returned for the delivery.</summary>
    public string DeliveryId { get; }

    /// <summary>The project of the endpoint.</summary>
    public string ProjectId { get; }

    /// <summary>The endpoint it was meant for.</summary>
    public string WebhookId { get; }

    /// <summary>The endpoint URL at the time.</summary>
    public string Url { get; }

    /// <summary>The event type (<c>test</c> for a test delivery).</summary>
    public string EventType { get; }

    /// <summary><c>delivered</c>, or <c>failed</c> when the endpoint is disabled.</summary>
    public string Status { get; }

    /// <summary>The status the endpoint is deemed to have answered with, when it was delivered.</summary>
    public int? StatusCode { get; }

    /// <summary>Why it failed, when it did.</summary>
    public string? Error { get; }

    /// <summary>When, by the sandbox clock.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>A short description.</summary>
    public override string ToString() => $"{EventType} -> {WebhookId}: {Status}";
}
