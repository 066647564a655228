using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using static PgBeam.Tests.Webhooks.SignedDelivery;

namespace PgBeam.Tests.Webhooks;

public class WebhookVerifierTests
{
    private static void AssertIsTheSignedEvent(WebhookEvent webhookEvent)
    {
        Assert.Multiple(() =>
        {
            Assert.That(webhookEvent.Id, Is.EqualTo("evt_01"));
            Assert.That(webhookEvent.Type, Is.EqualTo("approval.requested"));
            Assert.That(webhookEvent.ProjectId, Is.EqualTo("prj_01"));
            Assert.That(webhookEvent.OccurredAt, Is.EqualTo(new DateTimeOffset(2026, 3, 1, 11, 59, 58, 250, TimeSpan.FromHours(1))));
            Assert.That(webhookEvent.OccurredAt.Offset, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(webhookEvent.EventId, Is.EqualTo("evt_01"));
            Assert.That(webhookEvent.DeliveryId, Is.EqualTo("dlv_07"));
            // Exactly the bytes of the body: numbers keep their digits and trailing zeros.
            Assert.That(webhookEvent.Data, Is.EqualTo(
                """{"id":"apr_01","project_id":"prj_01","sql":"DELETE FROM orders WHERE id = 7","status":"pending","amount":1.50,"big":12345678901234567890.123456789}"""));
        });
    }

    [Test]
    public void Valid_v2_delivery_as_string_with_header_dictionary_returns_the_event()
    {
        var verifier = Verifier(Clock());

        AssertIsTheSignedEvent(verifier.Verify(Body, Headers(Body)));
    }

    [Test]
    public void Valid_v2_delivery_as_bytes_with_header_dictionary_returns_the_event()
    {
        var verifier = Verifier(Clock());

        AssertIsTheSignedEvent(verifier.Verify(Encoding.UTF8.GetBytes(Body), Headers(Body)));
    }

    [Test]
    public void Valid_v2_delivery_as_string_through_a_header_function_returns_the_event()
    {
        var verifier = Verifier(Clock());
        var headers = Headers(Body);
        var asked = new List<string>();

        var webhookEvent = verifier.Verify(Body, name =>
        {
            asked.Add(name);
            return headers.TryGetValue(name, out var value) ? value : null;
        });

        AssertIsTheSignedEvent(webhookEvent);
        Assert.That(asked, Does.Contain("X-PgBeam-Signature-V2").And.Contain("X-PgBeam-Timestamp"));
    }

    [Test]
    public void Valid_v2_delivery_as_bytes_through_a_header_function_returns_the_event()
    {
        var verifier = Verifier(Clock());
        var headers = Headers(Body);

        var webhookEvent = verifier.Verify(Encoding.UTF8.GetBytes(Body), name => headers.GetValueOrDefault(name));

        AssertIsTheSignedEvent(webhookEvent);
    }

    [Test]
    public void Accepts_a_known_answer_vector_computed_with_openssl()
    {
        // printf '%s' "1772366400.$BODY" | openssl dgst -sha256 -hmac 'whsec_known_answer_secret'
        const string body = """{"id":"evt_01","type":"approval.requested","project_id":"prj_01","occurred_at":"2026-03-01T12:00:00Z","data":{"id":"apr_01","sql":"DELETE FROM orders"}}""";
        var verifier = Verifier(Clock(), secret: "whsec_known_answer_secret");

        var webhookEvent = verifier.Verify(body, new Dictionary<string, string>
        {
            ["X-PgBeam-Timestamp"] = "1772366400",
            ["X-PgBeam-Signature-V2"] = "sha256=2845ee8d5c01ebc8e627ab2dfdf19ae574a53ff170c8cb82eeb4431354ce8a8c",
        });

        Assert.That(webhookEvent.Data, Is.EqualTo("""{"id":"apr_01","sql":"DELETE FROM orders"}"""));
        Assert.That(webhookEvent.EventId, Is.Null);
        Assert.That(webhookEvent.DeliveryId, Is.Null);
    }

    [Test]
    public void The_whole_secret_including_its_prefix_is_the_key()
    {
        // The same vector, checked by a verifier given the secret without its whsec_ prefix.
        const string body = """{"id":"evt_01","type":"approval.requested","project_id":"prj_01","occurred_at":"2026-03-01T12:00:00Z","data":{"id":"apr_01","sql":"DELETE FROM orders"}}""";
        var verifier = Verifier(Clock(), secret: "known_answer_secret");

        var ex = Assert.Throws<WebhookVerificationException>(() => verifier.Verify(body, new Dictionary<string, string>
        {
            ["X-PgBeam-Timestamp"] = "1772366400",
            ["X-PgBeam-Signature-V2"] = "sha256=2845ee8d5c01ebc8e627ab2dfdf19ae574a53ff170c8cb82eeb4431354ce8a8c",
        }));

        Assert.That(ex!.Reason, Is.EqualTo(WebhookVerificationFailure.SignatureMismatch));
    }

    [Test]
    public void Raw_body_bytes_are_verified_as_received_not_as_re_encoded_text()
    {
        // Pretty-printed, non-ASCII, with a byte-order mark: only the exact bytes match their signature.
        var body = Encoding.UTF8.GetPreamble()
            .Concat(Encoding.UTF8.GetBytes("{\n  \"id\": \"evt_02\",\n  \"type\": \"anomaly.detected\",\n  \"project_id\": \"prj_01\",\n  \"occurred_at\": \"2026-03-01T12:00:00Z\",\n  \"data\": { \"note\": \"Zürich – 東京\" }\n}\n"))
            .ToArray();
        var timestamp = UnixSeconds(Now);
        var headers = new Dictionary<string, string>
        {
            ["X-PgBeam-Timestamp"] = timestamp,
            ["X-PgBeam-Signature-V2"] = V2(Secret, timestamp, body),
        };
        var verifier = Verifier(Clock());

        var webhookEvent = verifier.Verify(body, headers);

        Assert.That(webhookEvent.Id, Is.EqualTo("evt_02"));
        Assert.That(webhookEvent.Data, Is.EqualTo("""{ "note": "Zürich – 東京" }"""));
        var reEncoded = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Trim('\uFEFF').Replace("\n", "\r\n", StringComparison.Ordinal));
        var ex = Assert.Throws<WebhookVerificationException>(() => verifier.Verify(reEncoded, headers));
        Assert.That(ex!.Reason, Is.EqualTo(WebhookVerificationFailure.SignatureMismatch));
    }

    [Test]
    public void Tampered_body_is_a_signature_mismatch()
    {
        var headers = Headers(Body);
        var tampered = Body.Replace("WHERE id = 7", "WHERE id = 8", StringComparison.Ordinal);

        var ex = Assert.Throws<WebhookVerificationException>(() => Verifier(Clock()).Verify(tampered, headers));

        Assert.That(ex!.Reason, Is.EqualTo(WebhookVerificationFailure.SignatureMismatch));
        Assert.That(ex.Message, Does.Contain("X-PgBeam-Signature-V2").And.Contain("does not match"));
    }

    [Test]
    public void Tampered_timestamp_within_tolerance_is_a_signature_mismatch()
    {
        var headers = Headers(Body, Now.AddSeconds(-200));
        headers["X-PgBeam-Timestamp"] = UnixSeconds(Now);

        var ex = Assert.Throws<WebhookVerificationException>(() => Verifier(Clock()).Verify(Body, headers));

        Assert.That(ex!.Reason, Is.EqualTo(WebhookVerificationFailure.SignatureMismatch));
    }

    [Test]
    public void Timestamp_with_a_leading_zero_is_a_different_signed_text()
    {
        // The MAC covers the header text as sent; "01772366400" parses to the same number but was not what was signed.
        var headers = Headers(Body);
        headers["X-PgBeam-Timestamp"] = "0" + headers["X-PgBeam-Timestamp"];

        var ex = Assert.Throws<WebhookVerificationException>(() => Verifier(Clock()).Verify(Body, headers));

        Assert.That(ex!.Reason, Is.EqualTo(WebhookVerificationFailure.SignatureMismatch));
    }

    [Test]
    public void Expired_timestamp_is_out_of_tolerance()
    {
        var clock = Clock();
        var headers = Headers(Body);
        var verifier = Verifier(clock);
        clock.Advance(TimeSpan.FromSeconds(301));

        var ex = Assert.Throws<WebhookVerificationException>(() => verifier.Verify(Body, headers));

        Assert.That(ex!.Reason, Is.EqualTo(WebhookVerificationFailure.TimestampOutOfTolerance));
        Assert.That(ex.Message, Does.Contain("301 s in the past").And.Contain("300 s"));
    }

    [Test]
    public void Timestamp_exactly_at_the_tolerance_is_accepted_in_both_directions()
    {
        var late = Clock();
        late.Advance(TimeSpan.FromSeconds(300));
        var early = new FakeTimeProvider(Now.AddSeconds(-300));

        Assert.That(Verifier(late).Verify(Body, Headers(Body)).Id, Is.EqualTo("evt_01"));
        Assert.That(Verifier(early).Verify(Body, Headers(Body)).Id, Is.EqualTo("evt_01"));
    }

    [Test]
    public void Future_timestamp_beyond_tolerance_is_out_of_tolerance()
    {
        var headers = Headers(Body, Now.AddSeconds(301));

        var ex = Assert.Throws<WebhookVerificationException>(() => Verifier(Clock()).Verify(Body, headers));

        Assert.That(ex!.Reason, Is.EqualTo(WebhookVerificationFailure.TimestampOutOfTolerance));
        Assert.That(ex.Message, Does.Contain("301 s in the future"));
    }

    [Test]
    public void Timestamp_beyond_the_representable_range_is_out_of_tolerance()
    {
        const string timestamp = "99999999999999";
        var headers = new Dictionary<string, string>
        {
            ["X-PgBeam-Timestamp"] = timestamp,
            ["X-PgBeam-Signature-V2"] = V2(Secret, timestamp, Body),
        };

        var ex = Assert.Throws<WebhookVerificationException>(() => Verifier(Clock()).Verify(Body, headers));

        Assert.That(ex!.Reason, Is.EqualTo(WebhookVerificationFailure.TimestampOutOfTolerance));
    }

    [Test]
    public void Tolerance_option_is_honoured()
    {
        var clock = Clock();
        var headers = Headers(Body);
        var verifier = Verifier(clock, tolerance: TimeSpan.FromSeconds(10));

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.That(verifier.Verify(Body, headers).Id, Is.EqualTo("evt_01"));
        clock.Advance(TimeSpan.FromSeconds(1));
        var ex = Assert.Throws<WebhookVerificationException>(() => verifier.Verify(Body, headers));
        Assert.That(ex!.Reason, Is.EqualTo(WebhookVerificationFailure.TimestampOutOfTolerance));
    }

    [Test]
    public void Signature_is_checked_before_the_timestamp_tolerance()
    {
        // Stale and forged: the forgery is what gets reported, so TimestampOutOfTolerance always means a genuine delivery.
        var headers = Headers(Body, Now.AddHours(-2), secret: "whsec_someone_else");

        var ex = Assert.Throws<WebhookVerificationException>(() => Verifier(Clock()).Verify(Body, headers));

        Assert.That(ex!.Reason, Is.EqualTo(WebhookVerificationFailure.SignatureMismatch));
    }

    [Test]
    public void Wrong_secret_is_a_signature_mismatch()
    {
        var headers = Headers(Body, secret: "whsec_test_4f1c9a2b7e6e");

        var ex = Assert.Throws<WebhookVerificationException>(() => Verifier(Clock()).Verify(Body, headers));

        Assert.That(ex!.Reason, Is.EqualTo(WebhookVerificationFailure.SignatureMismatch));
    }

    [TestCase("X-PgBeam-Signature-V2", null, "X-PgBeam-Signature-V2")]
    [TestCase("X-PgBeam-Signature-V2", "", "X-PgBeam-Signature-V2")]
    [TestCase("X-PgBeam-Signature-V2", "   ", "X-PgBeam-Signature-V2")]
    [TestCase("X-PgBeam-Timestamp", null, "X-PgBeam-Timestamp")]
    [TestCase("X-PgBeam-Timestamp", "", "X-PgBeam-Timestamp")]
    public void Missing_or_empty_header_is_reported_by_name(string header, string? value, string named)
    {
        var headers = Headers(Body);
        if (value is null)
        {
            headers.Remove(header);
        }
        else
        {
            headers[header] = value;
        }

        var ex = Assert.Throws<WebhookVerificationException>(() => Verifier(Clock()).Verify(Body, headers));

        Assert.That(ex!.Reason, Is.EqualTo(WebhookVerificationFailure.MissingHeader));
        Assert.That(ex.Message, Does.Contain(named));
    }

    [Test]
    public void Delivery_without_any_header_is_missing_the_v2_signature()
    {
        var ex = Assert.Throws<WebhookVerificationException>(() => Verifier(Clock()).Verify(Body, new Dictionary<string, string>()));

        Assert.That(ex!.Reason, Is.EqualTo(WebhookVerificationFailure.MissingHeader));
        Assert.That(ex.Message, Does.Contain("X-PgBeam-Signature-V2").And.Contain("not signed"));
    }

    private static readonly string ValidHex = new('a', 64);

    private static IEnumerable<TestCaseData> MalformedSignatures()
    {
        yield return new TestCaseData(ValidHex).SetName("Signature_without_sha256_prefix_is_malformed");
        yield return new TestCaseData("sha1=" + ValidHex).SetName("Signature_with_another_algorithm_is_malformed");
        yield return new TestCaseData("sha256=" + new string('g', 64)).SetName("Signature_with_non_hex_digits_is_malformed");
        yield return new TestCaseData("sha256=" + new string('a', 63)).SetName("Signature_one_digit_short_is_malformed");
        yield return new TestCaseData("sha256=" + new string('a', 66)).SetName("Signature_one_byte_long_is_malformed");
        yield return new TestCaseData("sha256=" + ValidHex + ",sha256=" + ValidHex).SetName("Two_signatures_in_one_header_are_malformed");
        yield return new TestCaseData("sha256=").SetName("Signature_prefix_alone_is_malformed");
    }

    [TestCaseSource(nameof(MalformedSignatures))]
    public void Malformed_signature_header(string value)
    {
        var headers = Headers(Body);
        headers["X-PgBeam-Signature-V2"] = value;

        var ex = Assert.Throws<WebhookVerificationException>(() => Verifier(Clock()).Verify(Body, headers));

        Assert.That(ex!.Reason, Is.EqualTo(WebhookVerificationFailure.MalformedHeader));
        Assert.That(ex.Message, Does.Contain("X-PgBeam-Signature-V2").And.Contain("sha256="));
    }

    [TestCase("abc")]
    [TestCase("1772366400.5")]
    [TestCase("-1772366400")]
    [TestCase("+1772366400")]
    [TestCase("1.7e9")]
    [TestCase("1772366400 1772366400")]
    [TestCase("99999999999999999999999")]
    public void Non_numeric_timestamp_is_malformed(string timestamp)
    {
        var headers = new Dictionary<string, string>
        {
            ["X-PgBeam-Timestamp"] = timestamp,
            // Signed over the odd text, so only the timestamp format can be what fails.
            ["X-PgBeam-Signature-V2"] = V2(Secret, timestamp, Body),
        };

        var ex = Assert.Throws<WebhookVerificationException>(() => Verifier(Clock()).Verify(Body, headers));

        Assert.That(ex!.Reason, Is.EqualTo(WebhookVerificationFailure.MalformedHeader));
        Assert.That(ex.Message, Does.Contain("X-PgBeam-Timestamp"));
    }

    [Test]
    public void Upper_case_hex_and_prefix_and_surrounding_white_space_are_accepted()
    {
        var headers = Headers(Body);
        headers["X-PgBeam-Signature-V2"] = " " + headers["X-PgBeam-Signature-V2"].ToUpperInvariant() + " ";
        headers["X-PgBeam-Timestamp"] = headers["X-PgBeam-Timestamp"] + "\t";

        Assert.That(Verifier(Clock()).Verify(Body, headers).Id, Is.EqualTo("evt_01"));
    }

    [Test]
    public void Header_names_are_matched_without_regard_to_case()
    {
        // An ordinal dictionary: the verifier, not the dictionary's comparer, has to ignore case.
        var lower = Headers(Body).ToDictionary(pair => pair.Key.ToLowerInvariant(), pair => pair.Value, StringComparer.Ordinal);
        var upper = Headers(Body).ToDictionary(pair => pair.Key.ToUpperInvariant(), pair => pair.Value, StringComparer.Ordinal);
        var verifier = Verifier(Clock());

        var fromLower = verifier.Verify(Body, lower);
        var fromUpper = verifier.Verify(Encoding.UTF8.GetBytes(Body), upper);

        Assert.That(fromLower.DeliveryId, Is.EqualTo("dlv_07"));
        Assert.That(fromUpper.EventId, Is.EqualTo("evt_01"));
    }

    [Test]
    public void Header_dictionary_with_a_case_insensitive_comparer_is_read_directly()
    {
        var headers = new Dictionary<string, string>(Headers(Body), StringComparer.OrdinalIgnoreCase);

        Assert.That(Verifier(Clock()).Verify(Body, headers).Id, Is.EqualTo("evt_01"));
    }

    [Test]
    public void TryVerify_returns_the_event_for_a_valid_delivery_in_every_overload()
    {
        var verifier = Verifier(Clock());
        var headers = Headers(Body);
        var bytes = Encoding.UTF8.GetBytes(Body);
        Func<string, string?> header = name => headers.GetValueOrDefault(name);

        Assert.Multiple(() =>
        {
            Assert.That(verifier.TryVerify(Body, headers, out var a) && a.Id == "evt_01", Is.True);
            Assert.That(verifier.TryVerify(bytes, headers, out var b) && b.Id == "evt_01", Is.True);
            Assert.That(verifier.TryVerify(Body, header, out var c) && c.Id == "evt_01", Is.True);
            Assert.That(verifier.TryVerify(bytes, header, out var d) && d.Id == "evt_01", Is.True);
            Assert.That(verifier.TryVerify(Body, headers, out var e, out var failure), Is.True);
            Assert.That(e!.DeliveryId, Is.EqualTo("dlv_07"));
            Assert.That(failure, Is.Null);
        });
    }

    [Test]
    public void TryVerify_reports_the_failed_check_without_throwing_in_every_overload()
    {
        var verifier = Verifier(Clock());
        var headers = Headers(Body, Now.AddMinutes(-10));
        var bytes = Encoding.UTF8.GetBytes(Body);
        Func<string, string?> header = name => headers.GetValueOrDefault(name);

        Assert.Multiple(() =>
        {
            Assert.That(verifier.TryVerify(Body, headers, out var a), Is.False);
            Assert.That(a, Is.Null);
            Assert.That(verifier.TryVerify(bytes, header, out var b), Is.False);
            Assert.That(b, Is.Null);
            Assert.That(verifier.TryVerify(Body, headers, out _, out var f1), Is.False);
            Assert.That(f1, Is.EqualTo(WebhookVerificationFailure.TimestampOutOfTolerance));
            Assert.That(verifier.TryVerify(bytes, headers, out _, out var f2), Is.False);
            Assert.That(f2, Is.EqualTo(WebhookVerificationFailure.TimestampOutOfTolerance));
            Assert.That(verifier.TryVerify(Body, header, out _, out var f3), Is.False);
            Assert.That(f3, Is.EqualTo(WebhookVerificationFailure.TimestampOutOfTolerance));
            Assert.That(verifier.TryVerify(Body + " ", header, out _, out var f4), Is.False);
            Assert.That(f4, Is.EqualTo(WebhookVerificationFailure.SignatureMismatch));
            Assert.That(verifier.TryVerify(bytes, new Dictionary<string, string>(), out _, out var f5), Is.False);
            Assert.That(f5, Is.EqualTo(WebhookVerificationFailure.MissingHeader));
        });
    }

    [Test]
    public void Verification_failure_is_a_PgBeam_exception()
    {
        Assert.That(
            () => Verifier(Clock()).Verify(Body, new Dictionary<string, string>()),
            Throws.InstanceOf<PgBeamException>().With.Property(nameof(WebhookVerificationException.Reason)).EqualTo(WebhookVerificationFailure.MissingHeader));
    }

    [Test]
    public void Invalid_arguments_are_rejected_at_construction_and_call()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => new WebhookVerifier(""), Throws.ArgumentException);
            Assert.That(() => new WebhookVerifier("  "), Throws.ArgumentException);
            Assert.That(() => new WebhookVerifier(null!), Throws.ArgumentNullException);
            Assert.That(() => new WebhookVerifier(Secret, new WebhookVerifierOptions { Tolerance = TimeSpan.Zero }), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => new WebhookVerifier(Secret, new WebhookVerifierOptions { TimeProvider = null! }), Throws.ArgumentNullException);
            Assert.That(() => Verifier(Clock()).Verify((string)null!, Headers(Body)), Throws.ArgumentNullException);
            Assert.That(() => Verifier(Clock()).Verify(Body, (IReadOnlyDictionary<string, string>)null!), Throws.ArgumentNullException);
            Assert.That(() => Verifier(Clock()).TryVerify(Body, (Func<string, string?>)null!, out _), Throws.ArgumentNullException);
        });
    }

    [Test]
    public void Options_default_to_300_seconds_no_legacy_and_the_system_clock()
    {
        var options = new WebhookVerifierOptions();

        Assert.That(options.Tolerance, Is.EqualTo(TimeSpan.FromSeconds(300)));
        Assert.That(options.AllowLegacySignature, Is.False);
        Assert.That(options.TimeProvider, Is.SameAs(TimeProvider.System));
    }

    [Test]
    public void Options_are_read_once_so_a_later_change_does_not_affect_the_verifier()
    {
        var clock = Clock();
        var options = new WebhookVerifierOptions { TimeProvider = clock };
        var verifier = new WebhookVerifier(Secret, options);
        var headers = Headers(Body);
        clock.Advance(TimeSpan.FromSeconds(200));

        options.Tolerance = TimeSpan.FromSeconds(100);

        Assert.That(verifier.Verify(Body, headers).Id, Is.EqualTo("evt_01"));
    }
}
