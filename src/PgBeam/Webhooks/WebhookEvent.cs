using System;
using System.Globalization;
using System.IO;
using Newtonsoft.Json;
using PgBeam.Diagnostics;
using PgBeam.Serialization;

namespace PgBeam;

/// <summary>
/// A verified webhook delivery: the envelope PgBeam signed (<c>id</c>, <c>type</c>, <c>project_id</c>,
/// <c>occurred_at</c>, <c>data</c>) and the delivery headers. <see cref="WebhookVerifier"/> creates it after the
/// signature check; the public constructor is for tests of your own handlers.
/// </summary>
public sealed class WebhookEvent
{
    /// <summary>Creates an event, as the verifier does from a verified envelope.</summary>
    /// <param name="id">The envelope's <c>id</c>.</param>
    /// <param name="type">The envelope's <c>type</c>.</param>
    /// <param name="projectId">The envelope's <c>project_id</c>.</param>
    /// <param name="occurredAt">The envelope's <c>occurred_at</c>.</param>
    /// <param name="data">The envelope's <c>data</c>, as JSON text.</param>
    public WebhookEvent(string id, string type, string projectId, DateTimeOffset occurredAt, string data)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(data);
        Id = id;
        Type = type;
        ProjectId = projectId;
        OccurredAt = occurredAt;
        Data = data;
    }

    /// <summary>The event id, from the signed body.</summary>
    public string Id { get; }

    /// <summary>The event type (for example <c>approval_requested</c>), from the signed body.</summary>
    public string Type { get; }

    /// <summary>The project the event belongs to, from the signed body.</summary>
    public string ProjectId { get; }

    /// <summary>When the event happened, with the offset PgBeam wrote.</summary>
    public DateTimeOffset OccurredAt { get; }

    /// <summary>
    /// The envelope's <c>data</c> member, exactly as it appears in the body (a JSON object for PgBeam's events, or
    /// <c>null</c>). Read it as a type with <see cref="GetData{T}"/>.
    /// </summary>
    public string Data { get; }

    /// <summary>
    /// The <c>X-PgBeam-Event-Id</c> header, the same on every redelivery of one event (the key to de-duplicate on),
    /// or null when the delivery did not carry it. Headers are not covered by the signature.
    /// </summary>
    public string? EventId { get; init; }

    /// <summary>
    /// <see cref="Type"/> as the contract's extensible enum: compares with <c>==</c> to the known values
    /// (<see cref="WebhookEventType.QueryBlocked"/>), and keeps a type this SDK version does not know as it was sent
    /// (<see cref="WebhookEventType.IsKnown"/> is then false). Never throws.
    /// </summary>
    public WebhookEventType EventType => new(Type ?? string.Empty);

    /// <summary>
    /// The <c>X-PgBeam-Delivery</c> header, which identifies this delivery attempt, or null when the delivery did not
    /// carry it. Headers are not covered by the signature.
    /// </summary>
    public string? DeliveryId { get; init; }

    /// <summary>
    /// Reads <see cref="Data"/> as <typeparamref name="T"/>, with the same JSON rules as the SDK's API responses
    /// (snake_case members map to the SDK's models, unknown members are kept or ignored).
    /// </summary>
    /// <typeparam name="T">An SDK model, your own class, or a dictionary.</typeparam>
    /// <exception cref="PgBeamSerializationException">
    /// The data is JSON <c>null</c>, or does not fit <typeparamref name="T"/>. The message says where; it never
    /// repeats the data.
    /// </exception>
    public T GetData<T>()
    {
        using var reader = new JsonTextReader(new StringReader(Data));
        try
        {
            return PgBeamJson.Serializer.Deserialize<T>(reader)
                ?? throw PgBeamErrorFactory.WebhookDataNull(Described(), nameof(Data), typeof(T).Name);
        }
        catch (Exception ex) when (ex is not PgBeamSerializationException and not OutOfMemoryException)
        {
            // Json.NET's own message can quote the offending value, and event data may be sensitive: never reuse it.
            // A converter's own failure (a FormatException for "day": "2026-99-99", an overflow, a bad cast) carries
            // no position; the reader's is where it happened.
            var (line, position, path) = ex switch
            {
                JsonReaderException { LineNumber: > 0 } r => (r.LineNumber, r.LinePosition, r.Path),
                JsonSerializationException { LineNumber: > 0 } s => (s.LineNumber, s.LinePosition, s.Path),
                _ => (reader.LineNumber, reader.LinePosition, reader.Path),
            };
            throw PgBeamErrorFactory.WebhookDataMismatch(Described(), typeof(T).Name, line, position, path);
        }
    }

    /// <summary>The event's id and type for an error message, with anything shaped like a secret masked.</summary>
    private string Described() => new SecretRedactor().Redact($"{Id} ({Type})")!;

    /// <summary>
    /// The event's ids, type and time; <see cref="Data"/> is left out, as it may hold sensitive values, and anything
    /// shaped like a secret (the ids come from the sender, two of them from unsigned headers) is masked.
    /// </summary>
    public override string ToString() =>
        new SecretRedactor().Redact(string.Create(CultureInfo.InvariantCulture,
            $"WebhookEvent {{ Id = {Id}, Type = {Type}, ProjectId = {ProjectId}, OccurredAt = {OccurredAt:O}, EventId = {EventId}, DeliveryId = {DeliveryId} }}"))!;
}
