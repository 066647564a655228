using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PgBeam;

/// <summary>
/// Checks that a webhook delivery comes from PgBeam and was not changed or replayed, then reads its event.
/// <para>
/// The <c>X-PgBeam-Signature-V2</c> header must be <c>sha256=</c> and the hex HMAC-SHA256, keyed with the UTF-8 bytes of
/// the endpoint's secret, of <c>X-PgBeam-Timestamp + "." + body</c>; the comparison takes constant time. The timestamp
/// must lie within <see cref="WebhookVerifierOptions.Tolerance"/> of now. Only then is the body read as an event.
/// </para>
/// <para>
/// Pass the body exactly as received: the raw bytes (best), or a string that decodes to exactly those bytes in UTF-8.
/// A body that was parsed and serialized again no longer matches its signature. The verifier keeps no state between
/// calls and is safe to share between threads: create one per secret, for example as a singleton.
/// </para>
/// </summary>
public sealed class WebhookVerifier
{
    private const string SignatureV2Name = WebhookHeaderNames.SignatureV2;
    private const string LegacySignatureName = WebhookHeaderNames.LegacySignature;
    private const string TimestampName = WebhookHeaderNames.Timestamp;

    /// <summary>SHA-256 output, as hex digits.</summary>
    private const int SignatureHexLength = 64;

    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    // Only the key bytes are kept, never the secret string, so nothing prints or logs the secret by accident.
    private readonly byte[] _key;
    private readonly TimeSpan _tolerance;
    private readonly bool _allowLegacySignature;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a verifier for the endpoint whose signing secret is <paramref name="secret"/>.</summary>
    /// <param name="secret">
    /// The secret exactly as it was registered on the webhook endpoint, prefix (such as <c>whsec_</c>) included: its
    /// UTF-8 bytes are the HMAC key.
    /// </param>
    /// <param name="options">Tolerance, legacy scheme and clock; defaults when null.</param>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="WebhookVerifierOptions.Tolerance"/> is not positive.</exception>
    public WebhookVerifier(string secret, WebhookVerifierOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        options ??= new WebhookVerifierOptions();
        if (options.Tolerance <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.Tolerance, "options.Tolerance must be positive; the default is 300 seconds.");
        }

        ArgumentNullException.ThrowIfNull(options.TimeProvider, "options.TimeProvider");
        _key = Encoding.UTF8.GetBytes(secret);
        _tolerance = options.Tolerance;
        _allowLegacySignature = options.AllowLegacySignature;
        _timeProvider = options.TimeProvider;
    }

    /// <summary>Verifies a delivery whose body is the UTF-8 encoding of <paramref name="payload"/>, and reads its event.</summary>
    /// <param name="payload">The request body as text; its UTF-8 bytes must be exactly the bytes PgBeam sent.</param>
    /// <param name="headers">The request headers; names are matched without regard to case.</param>
    /// <returns>The verified event.</returns>
    /// <exception cref="WebhookVerificationException">The delivery failed a check; <see cref="WebhookVerificationException.Reason"/> says which.</exception>
    public WebhookEvent Verify(string payload, IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(headers);
        return Verify(Encoding.UTF8.GetBytes(payload), HeaderLookup(headers));
    }

    /// <summary>Verifies a delivery from its raw body bytes, and reads its event.</summary>
    /// <param name="payload">The request body, exactly as received.</param>
    /// <param name="headers">The request headers; names are matched without regard to case.</param>
    /// <returns>The verified event.</returns>
    /// <exception cref="WebhookVerificationException">The delivery failed a check; <see cref="WebhookVerificationException.Reason"/> says which.</exception>
    public WebhookEvent Verify(byte[] payload, IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(headers);
        return Verify(payload, HeaderLookup(headers));
    }

    /// <summary>
    /// Verifies a delivery whose body is the UTF-8 encoding of <paramref name="payload"/>, reading headers through
    /// <paramref name="header"/> (in ASP.NET Core: <c>name =&gt; request.Headers[name].FirstOrDefault()</c>).
    /// </summary>
    /// <param name="payload">The request body as text; its UTF-8 bytes must be exactly the bytes PgBeam sent.</param>
    /// <param name="header">Returns the value of the named header, or null when absent; should ignore case, as HTTP does.</param>
    /// <returns>The verified event.</returns>
    /// <exception cref="WebhookVerificationException">The delivery failed a check; <see cref="WebhookVerificationException.Reason"/> says which.</exception>
    public WebhookEvent Verify(string payload, Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return Verify(Encoding.UTF8.GetBytes(payload), header);
    }

    /// <summary>
    /// Verifies a delivery from its raw body bytes, reading headers through <paramref name="header"/> (in ASP.NET Core:
    /// <c>name =&gt; request.Headers[name].FirstOrDefault()</c>).
    /// </summary>
    /// <param name="payload">The request body, exactly as received.</param>
    /// <param name="header">Returns the value of the named header, or null when absent; should ignore case, as HTTP does.</param>
    /// <returns>The verified event.</returns>
    /// <exception cref="WebhookVerificationException">The delivery failed a check; <see cref="WebhookVerificationException.Reason"/> says which.</exception>
    public WebhookEvent Verify(byte[] payload, Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(header);
        return Check(payload, header, out var failure) ?? throw failure!;
    }

    /// <summary>
    /// Checks only the signature and the timestamp of a delivery, for endpoints whose body is not PgBeam's JSON event
    /// envelope (a <c>splunk_hec</c>, <c>datadog</c> or <c>elastic</c> payload format). Same checks, in the same order,
    /// as <see cref="Verify(byte[], Func{string, string})"/>, without reading the body.
    /// </summary>
    /// <param name="payload">The raw request body, exactly as received.</param>
    /// <param name="header">Returns a request header's value by name (any case), or null when it is absent.</param>
    /// <exception cref="WebhookVerificationException">A check failed; <see cref="WebhookVerificationException.Reason"/> says which.</exception>
    public void VerifySignature(byte[] payload, Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(header);
        if (!CheckSignature(payload, header, out var failure))
        {
            throw failure!;
        }
    }

    /// <summary>Checks only the signature and the timestamp, like <see cref="VerifySignature(byte[], Func{string, string})"/>.</summary>
    /// <param name="payload">The request body as text; its UTF-8 bytes must be exactly the bytes PgBeam sent.</param>
    /// <param name="header">Returns a request header's value by name (any case), or null when it is absent.</param>
    /// <exception cref="WebhookVerificationException">A check failed; <see cref="WebhookVerificationException.Reason"/> says which.</exception>
    public void VerifySignature(string payload, Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(payload);
        VerifySignature(Encoding.UTF8.GetBytes(payload), header);
    }

    /// <summary>Verifies a delivery like <see cref="Verify(string, IReadOnlyDictionary{string, string})"/>, without throwing when a check fails.</summary>
    /// <param name="payload">The request body as text; its UTF-8 bytes must be exactly the bytes PgBeam sent.</param>
    /// <param name="headers">The request headers; names are matched without regard to case.</param>
    /// <param name="webhookEvent">The verified event, or null.</param>
    /// <returns>Whether the delivery passed every check.</returns>
    public bool TryVerify(string payload, IReadOnlyDictionary<string, string> headers, [NotNullWhen(true)] out WebhookEvent? webhookEvent) =>
        TryVerify(payload, headers, out webhookEvent, out _);

    /// <summary>Verifies a delivery like <see cref="Verify(string, IReadOnlyDictionary{string, string})"/>, without throwing when a check fails.</summary>
    /// <param name="payload">The request body as text; its UTF-8 bytes must be exactly the bytes PgBeam sent.</param>
    /// <param name="headers">The request headers; names are matched without regard to case.</param>
    /// <param name="webhookEvent">The verified event, or null.</param>
    /// <param name="failure">Which check failed, or null when none did.</param>
    /// <returns>Whether the delivery passed every check.</returns>
    public bool TryVerify(
        string payload,
        IReadOnlyDictionary<string, string> headers,
        [NotNullWhen(true)] out WebhookEvent? webhookEvent,
        [NotNullWhen(false)] out WebhookVerificationFailure? failure)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(headers);
        return TryVerify(Encoding.UTF8.GetBytes(payload), HeaderLookup(headers), out webhookEvent, out failure);
    }

    /// <summary>Verifies a delivery like <see cref="Verify(byte[], IReadOnlyDictionary{string, string})"/>, without throwing when a check fails.</summary>
    /// <param name="payload">The request body, exactly as received.</param>
    /// <param name="headers">The request headers; names are matched without regard to case.</param>
    /// <param name="webhookEvent">The verified event, or null.</param>
    /// <returns>Whether the delivery passed every check.</returns>
    public bool TryVerify(byte[] payload, IReadOnlyDictionary<string, string> headers, [NotNullWhen(true)] out WebhookEvent? webhookEvent) =>
        TryVerify(payload, headers, out webhookEvent, out _);

    /// <summary>Verifies a delivery like <see cref="Verify(byte[], IReadOnlyDictionary{string, string})"/>, without throwing when a check fails.</summary>
    /// <param name="payload">The request body, exactly as received.</param>
    /// <param name="headers">The request headers; names are matched without regard to case.</param>
    /// <param name="webhookEvent">The verified event, or null.</param>
    /// <param name="failure">Which check failed, or null when none did.</param>
    /// <returns>Whether the delivery passed every check.</returns>
    public bool TryVerify(
        byte[] payload,
        IReadOnlyDictionary<string, string> headers,
        [NotNullWhen(true)] out WebhookEvent? webhookEvent,
        [NotNullWhen(false)] out WebhookVerificationFailure? failure)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(headers);
        return TryVerify(payload, HeaderLookup(headers), out webhookEvent, out failure);
    }

    /// <summary>Verifies a delivery like <see cref="Verify(string, Func{string, string?})"/>, without throwing when a check fails.</summary>
    /// <param name="payload">The request body as text; its UTF-8 bytes must be exactly the bytes PgBeam sent.</param>
    /// <param name="header">Returns the value of the named header, or null when absent; should ignore case, as HTTP does.</param>
    /// <param name="webhookEvent">The verified event, or null.</param>
    /// <returns>Whether the delivery passed every check.</returns>
    public bool TryVerify(string payload, Func<string, string?> header, [NotNullWhen(true)] out WebhookEvent? webhookEvent) =>
        TryVerify(payload, header, out webhookEvent, out _);

    /// <summary>Verifies a delivery like <see cref="Verify(string, Func{string, string?})"/>, without throwing when a check fails.</summary>
    /// <param name="payload">The request body as text; its UTF-8 bytes must be exactly the bytes PgBeam sent.</param>
    /// <param name="header">Returns the value of the named header, or null when absent; should ignore case, as HTTP does.</param>
    /// <param name="webhookEvent">The verified event, or null.</param>
    /// <param name="failure">Which check failed, or null when none did.</param>
    /// <returns>Whether the delivery passed every check.</returns>
    public bool TryVerify(
        string payload,
        Func<string, string?> header,
        [NotNullWhen(true)] out WebhookEvent? webhookEvent,
        [NotNullWhen(false)] out WebhookVerificationFailure? failure)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return TryVerify(Encoding.UTF8.GetBytes(payload), header, out webhookEvent, out failure);
    }

    /// <summary>Verifies a delivery like <see cref="Verify(byte[], Func{string, string?})"/>, without throwing when a check fails.</summary>
    /// <param name="payload">The request body, exactly as received.</param>
    /// <param name="header">Returns the value of the named header, or null when absent; should ignore case, as HTTP does.</param>
    /// <param name="webhookEvent">The verified event, or null.</param>
    /// <returns>Whether the delivery passed every check.</returns>
    public bool TryVerify(byte[] payload, Func<string, string?> header, [NotNullWhen(true)] out WebhookEvent? webhookEvent) =>
        TryVerify(payload, header, out webhookEvent, out _);

    /// <summary>Verifies a delivery like <see cref="Verify(byte[], Func{string, string?})"/>, without throwing when a check fails.</summary>
    /// <param name="payload">The request body, exactly as received.</param>
    /// <param name="header">Returns the value of the named header, or null when absent; should ignore case, as HTTP does.</param>
    /// <param name="webhookEvent">The verified event, or null.</param>
    /// <param name="failure">Which check failed, or null when none did.</param>
    /// <returns>Whether the delivery passed every check.</returns>
    public bool TryVerify(
        byte[] payload,
        Func<string, string?> header,
        [NotNullWhen(true)] out WebhookEvent? webhookEvent,
        [NotNullWhen(false)] out WebhookVerificationFailure? failure)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(header);
        webhookEvent = Check(payload, header, out var exception);
        failure = exception?.Reason;
        return webhookEvent is not null;
    }

    /// <summary>
    /// Runs every check in order and returns the event, or null with the exception that describes the failed check.
    /// The exception is created but not thrown, so <c>TryVerify</c> rejects a flood of forged deliveries cheaply.
    /// </summary>
    private WebhookEvent? Check(byte[] payload, Func<string, string?> header, out WebhookVerificationException? failure) =>
        CheckSignature(payload, header, out failure) ? ReadEvent(payload, header, out failure) : null;

    /// <summary>The header, signature and timestamp checks, in order; the envelope is not read.</summary>
    private bool CheckSignature(byte[] payload, Func<string, string?> header, out WebhookVerificationException? failure)
    {
        var signatureV2 = ValueOf(header, SignatureV2Name);
        if (signatureV2 is null)
        {
            return CheckLegacy(payload, header, out failure);
        }

        if (!TryDecodeSignature(signatureV2, out var provided))
        {
            failure = MalformedSignature(SignatureV2Name);
            return false;
        }

        var timestamp = ValueOf(header, TimestampName);
        if (timestamp is null)
        {
            failure = new WebhookVerificationException(
                WebhookVerificationFailure.MissingHeader,
                $"The webhook delivery has no {TimestampName} header (or it is empty); the {SignatureV2Name} signature cannot be checked without it.");
            return false;
        }

        // Digits only: no sign, no spaces, no decimal point, so the signed text and the parsed number agree.
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var unixSeconds))
        {
            failure = new WebhookVerificationException(
                WebhookVerificationFailure.MalformedHeader,
                $"The {TimestampName} header of the webhook delivery is not Unix seconds as a decimal integer.");
            return false;
        }

        // The MAC covers the timestamp exactly as sent, so a changed timestamp fails here, not at the tolerance check.
        var expected = WebhookSignature.HashV2(_key, timestamp, payload);
        if (!CryptographicOperations.FixedTimeEquals(expected, provided))
        {
            failure = new WebhookVerificationException(
                WebhookVerificationFailure.SignatureMismatch,
                $"The {SignatureV2Name} header does not match the webhook payload and its {TimestampName}: the secret is not the " +
                "endpoint's, or the body or timestamp changed after signing (verify the raw body bytes exactly as received).");
            return false;
        }

        // Checked after the signature, so this reason is only ever given for a genuine delivery.
        if (DescribeTimestampOutsideTolerance(unixSeconds) is { } skew)
        {
            failure = new WebhookVerificationException(
                WebhookVerificationFailure.TimestampOutOfTolerance,
                $"The {TimestampName} of the webhook delivery is {skew}, outside the tolerance of " +
                $"{_tolerance.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s: a replayed or delayed delivery, or a clock that is off.");
            return false;
        }

        failure = null;
        return true;
    }

    private bool CheckLegacy(byte[] payload, Func<string, string?> header, out WebhookVerificationException? failure)
    {
        var legacy = ValueOf(header, LegacySignatureName);
        if (!_allowLegacySignature)
        {
            failure = new WebhookVerificationException(
                WebhookVerificationFailure.MissingHeader,
                legacy is null
                    ? $"The webhook delivery has no {SignatureV2Name} header (or it is empty): it is not signed, or the endpoint has no secret."
                    : $"The webhook delivery has no {SignatureV2Name} header, only the legacy {LegacySignatureName}, which has no replay " +
                      $"protection and is accepted only when {nameof(WebhookVerifierOptions)}.{nameof(WebhookVerifierOptions.AllowLegacySignature)} is true.");
            return false;
        }

        if (legacy is null)
        {
            failure = new WebhookVerificationException(
                WebhookVerificationFailure.MissingHeader,
                $"The webhook delivery has neither a {SignatureV2Name} nor a {LegacySignatureName} header (or they are empty): " +
                "it is not signed, or the endpoint has no secret.");
            return false;
        }

        if (!TryDecodeSignature(legacy, out var provided))
        {
            failure = MalformedSignature(LegacySignatureName);
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(WebhookSignature.HashLegacy(_key, payload), provided))
        {
            failure = new WebhookVerificationException(
                WebhookVerificationFailure.SignatureMismatch,
                $"The {LegacySignatureName} header does not match the webhook payload: the secret is not the endpoint's, or the body " +
                "changed after signing (verify the raw body bytes exactly as received).");
            return false;
        }

        failure = null;
        return true;
    }

    private static WebhookEvent? ReadEvent(byte[] payload, Func<string, string?> header, out WebhookVerificationException? failure)
    {
        var eventId = ValueOf(header, WebhookHeaderNames.EventId);
        var deliveryId = ValueOf(header, WebhookHeaderNames.Delivery);
        if (WebhookEnvelopeReader.TryRead(payload, eventId, deliveryId, out var webhookEvent, out var problem))
        {
            failure = null;
            return webhookEvent;
        }

        failure = new WebhookVerificationException(
            WebhookVerificationFailure.MalformedPayload,
            $"The webhook signature is valid, but the payload is not a PgBeam event envelope: {problem}.");
        return null;
    }

    /// <summary>How far the timestamp is from now, in words, when that is more than the tolerance; null when within it.</summary>
    private string? DescribeTimestampOutsideTolerance(long unixSeconds)
    {
        if (unixSeconds > MaxUnixSeconds)
        {
            return "beyond the year 9999";
        }

        var age = _timeProvider.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
        if (age.Duration() <= _tolerance)
        {
            return null;
        }

        var seconds = age.Duration().TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        return age > TimeSpan.Zero ? $"{seconds} s in the past" : $"{seconds} s in the future";
    }

    /// <summary>Decodes <c>sha256=&lt;64 hex digits&gt;</c>; the digits may be of either case.</summary>
    private static bool TryDecodeSignature(string value, [NotNullWhen(true)] out byte[]? mac)
    {
        mac = null;
        if (!value.StartsWith(WebhookSignature.Prefix, StringComparison.OrdinalIgnoreCase)
            || value.Length != WebhookSignature.Prefix.Length + SignatureHexLength)
        {
            return false;
        }

        var hex = value.AsSpan(WebhookSignature.Prefix.Length);
        foreach (var c in hex)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        mac = Convert.FromHexString(hex);
        return true;
    }

    private static WebhookVerificationException MalformedSignature(string name) =>
        new(WebhookVerificationFailure.MalformedHeader,
            $"The {name} header of the webhook delivery is not '{WebhookSignature.Prefix}' followed by {SignatureHexLength} hexadecimal digits.");

    /// <summary>The header's value without surrounding white space; null when absent or blank, which counts as missing.</summary>
    private static string? ValueOf(Func<string, string?> header, string name)
    {
        var value = header(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static Func<string, string?> HeaderLookup(IReadOnlyDictionary<string, string> headers) => name =>
    {
        // The dictionary's own comparer first (exact, or case-insensitive if it was built that way), then a scan.
        if (headers.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var pair in headers)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }

        return null;
    };
}
