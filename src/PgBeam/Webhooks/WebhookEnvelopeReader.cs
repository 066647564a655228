using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;

namespace PgBeam;

/// <summary>
/// Reads the JSON envelope of a verified delivery. It uses the in-box System.Text.Json reader because it can hand back
/// the <c>data</c> member exactly as it appears in the body, where a Json.NET round trip would re-format numbers.
/// </summary>
internal static class WebhookEnvelopeReader
{
    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static readonly JsonDocumentOptions Options = new()
    {
        MaxDepth = 128,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>The event in <paramref name="payload"/>, or false with a description of what is wrong (never the payload's content).</summary>
    public static bool TryRead(
        byte[] payload,
        string? eventId,
        string? deliveryId,
        [NotNullWhen(true)] out WebhookEvent? webhookEvent,
        [NotNullWhen(false)] out string? problem)
    {
        webhookEvent = null;
        ReadOnlyMemory<byte> json = payload;
        if (json.Span.StartsWith(Utf8ByteOrderMark))
        {
            json = json[Utf8ByteOrderMark.Length..];
        }

        // The reader checks structure, not the bytes inside strings: invalid UTF-8 there would surface later as a
        // transcoding error, so reject it here, where it can be reported as what it is.
        if (!Utf8.IsValid(json.Span))
        {
            problem = "it is not valid UTF-8";
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(json, Options);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = $"it is a JSON {Describe(root.ValueKind)}, not an object";
                return false;
            }

            JsonElement? id = null, type = null, projectId = null, occurredAt = null, data = null;
            foreach (var member in root.EnumerateObject())
            {
                var repeated = member.Name switch
                {
                    "id" => Assign(ref id, member.Value),
                    "type" => Assign(ref type, member.Value),
                    "project_id" => Assign(ref projectId, member.Value),
                    "occurred_at" => Assign(ref occurredAt, member.Value),
                    "data" => Assign(ref data, member.Value),
                    _ => false,
                };
                if (repeated)
                {
                    // Two values for one member: which one PgBeam meant is a guess, so take neither.
                    problem = $"the member '{member.Name}' appears more than once";
                    return false;
                }
            }

            if (!TryGetText(id, "id", out var idText, out problem)
                || !TryGetText(type, "type", out var typeText, out problem)
                || !TryGetText(projectId, "project_id", out var projectIdText, out problem))
            {
                return false;
            }

            if (occurredAt is not { ValueKind: JsonValueKind.String } occurredAtValue || !occurredAtValue.TryGetDateTimeOffset(out var occurredAtTime))
            {
                problem = "the member 'occurred_at' is missing or not an ISO 8601 date and time";
                return false;
            }

            if (data is not { } dataValue)
            {
                problem = "the member 'data' is missing";
                return false;
            }

            webhookEvent = new WebhookEvent(idText, typeText, projectIdText, occurredAtTime, dataValue.GetRawText())
            {
                EventId = eventId,
                DeliveryId = deliveryId,
            };
            problem = null;
            return true;
        }
        catch (JsonException ex)
        {
            // The reader's message can quote the offending bytes; give only the position.
            problem = $"it is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1} of that line)";
            return false;
        }
    }

    private static bool Assign(ref JsonElement? slot, JsonElement value)
    {
        if (slot.HasValue)
        {
            return true;
        }

        slot = value;
        return false;
    }

    private static bool TryGetText(JsonElement? element, string name, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out string? problem)
    {
        if (element is { ValueKind: JsonValueKind.String } value && value.GetString() is { Length: > 0 } found)
        {
            text = found;
            problem = null;
            return true;
        }

        text = null;
        problem = $"the member '{name}' is missing, empty or not a string";
        return false;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
