using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Security;

/// <summary>
/// Item 1 of issue 9: under AddPgBeam, no log record the SDK's HTTP client causes carries a secret, in its message or
/// in the structured state a sink such as Serilog or OpenTelemetry exports, for unkeyed and keyed clients alike.
/// </summary>
public class HttpClientFactoryLogTests
{
    private const string ApiKey = "pgb_live_STATEKEY_0123456789";
    private const string ProvidedToken = "jwt-PROVIDED-token-0123456789";
    private const string CustomHeaderValue = "tenant-SECRET-header-0123";

    [TestCase(null, false, TestName = "The_unkeyed_client_logs_no_key_and_no_custom_header_value_in_message_or_state")]
    [TestCase("org-a", false, TestName = "A_keyed_client_logs_no_key_and_no_custom_header_value_in_message_or_state")]
    [TestCase(null, true, TestName = "The_unkeyed_client_logs_no_provided_token_in_message_or_state")]
    [TestCase("org-a", true, TestName = "A_keyed_client_logs_no_provided_token_in_message_or_state")]
    public async Task No_record_carries_a_secret(string? serviceKey, bool useTokenProvider)
    {
        var recorder = new RecordingLoggerProvider();
        using var api = new MockHttpMessageHandler();
        var sent = api.When("*").Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"regions":[]}""", System.Text.Encoding.UTF8, "application/json") };
            // A hostile server echoing the secrets back in its headers must not get them logged either.
            response.Headers.TryAddWithoutValidation("X-Request-Id", useTokenProvider ? ProvidedToken : ApiKey);
            response.Headers.TryAddWithoutValidation("X-Echo", CustomHeaderValue);
            return response;
        });
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(recorder));
        void Configure(PgBeamClientOptions options)
        {
            if (useTokenProvider)
            {
                options.TokenProvider = _ => ValueTask.FromResult(ProvidedToken);
            }
            else
            {
                options.ApiKey = ApiKey;
            }
        }

        var builder = serviceKey is null ? services.AddPgBeam(Configure) : services.AddPgBeam(serviceKey, Configure);
        builder.ConfigurePrimaryHttpMessageHandler(() => api);
        using var provider = services.BuildServiceProvider();
        var client = serviceKey is null ? provider.GetRequiredService<PgBeamClient>() : provider.GetRequiredKeyedService<PgBeamClient>(serviceKey);
        var requestOptions = new RequestOptions();
        requestOptions.Headers["X-Tenant"] = CustomHeaderValue;

        await client.Platform.ListRegionsAsync(requestOptions);

        Assert.That(api.GetMatchCount(sent), Is.EqualTo(1));
        var records = recorder.Records;
        var httpClientRecords = records.Where(r => r.Category.StartsWith("System.Net.Http.HttpClient.PgBeam", StringComparison.Ordinal)).ToList();
        Assert.That(httpClientRecords, Has.Some.Matches<RecordingLoggerProvider.LogEntry>(r => r.Level == LogLevel.Trace), "the factory's Trace logging ran");
        Assert.That(httpClientRecords, Has.Some.Matches<RecordingLoggerProvider.LogEntry>(r => r.Everything.Contains("Authorization: *", StringComparison.Ordinal)));
        foreach (var record in records)
        {
            Assert.That(record.Everything, Does.Not.Contain(ApiKey).And.Not.Contain(ProvidedToken).And.Not.Contain(CustomHeaderValue), record.Category);
            Assert.That(record.Everything, Does.Not.Contain("STATEKEY").And.Not.Contain("PROVIDED-token").And.Not.Contain("SECRET-header"), record.Category);
        }
    }
}
