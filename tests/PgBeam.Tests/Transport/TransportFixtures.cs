using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Transport;

/// <summary>Requests and responses the transport tests share.</summary>
internal static class TransportFixtures
{
    public const string PolicyJson =
        """{"id":"pol_1","project_id":"prj_1","name":"analytics-readonly","access_mode":"read_only","table_allowlist":[],"table_denylist":[],"masking_rules":[],"max_rows":1000,"created_at":"2026-01-02T03:04:05Z","updated_at":"2026-01-02T03:04:05Z"}""";

    public const string PoliciesPath = "/v1/projects/prj_1/policies";

    public const string PolicyPath = "/v1/projects/prj_1/policies/pol_1";

    public static PolicyProfileInput NewPolicy() => new() { Name = "analytics-readonly", AccessMode = PolicyProfileAccessMode.ReadOnly };

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary>A retryable status the SDK may repeat at once (<c>Retry-After: 0</c>), so a test needs no clock.</summary>
    public static HttpResponseMessage RetryNow(HttpStatusCode status)
    {
        var response = Json(status, """{"detail":"try again"}""");
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero);
        return response;
    }

    /// <summary>
    /// Expects <paramref name="responses"/>.Length requests to <paramref name="path"/>, answered in order, and
    /// records each attempt as it arrived (<see cref="SentRequest"/>: headers and body read then).
    /// </summary>
    public static List<SentRequest> ExpectInOrder(MockHttpMessageHandler mock, HttpMethod method, string path, params Func<HttpResponseMessage>[] responses)
    {
        var sent = new List<SentRequest>();
        foreach (var response in responses)
        {
            mock.Expect(method, TestClients.Url(path)).Respond(request =>
            {
                var attempt = SentRequest.Capture(request);
                lock (sent)
                {
                    sent.Add(attempt);
                }

                return response();
            });
        }

        return sent;
    }
}
