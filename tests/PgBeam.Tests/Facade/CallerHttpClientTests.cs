using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Facade;

/// <summary>
/// An HttpClient the caller supplies (proxies, custom TLS, test handlers) gets everything the SDK adds to a request,
/// is never changed and is never disposed.
/// </summary>
public class CallerHttpClientTests
{
    [Test]
    public async Task The_caller_client_is_not_mutated_and_its_base_address_does_not_decide_where_requests_go()
    {
        using var mock = new MockHttpMessageHandler();
        var sent = new List<SentRequest>();
        mock.When("*").RecordTo(sent).Respond("application/json", """{"status":"ok","version":"0.2.4","image_sha":"abc"}""");
        using var httpClient = new HttpClient(mock)
        {
            BaseAddress = new Uri("https://proxy.example.test/elsewhere/"),
            Timeout = TimeSpan.FromSeconds(42),
        };
        httpClient.DefaultRequestHeaders.Add("X-Caller", "kept");
        httpClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "caller-token");
        var headersBefore = httpClient.DefaultRequestHeaders.ToString();

        using (var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = TestClients.BaseUrl, HttpClient = httpClient }))
        {
            await client.Platform.GetHealthAsync();
            await client.Platform.GetHealthAsync();
        }

        Assert.That(httpClient.BaseAddress, Is.EqualTo(new Uri("https://proxy.example.test/elsewhere/")));
        Assert.That(httpClient.Timeout, Is.EqualTo(TimeSpan.FromSeconds(42)));
        Assert.That(httpClient.DefaultRequestHeaders.ToString(), Is.EqualTo(headersBefore));
        Assert.That(sent, Has.Count.EqualTo(2));
        Assert.That(sent[0].Url, Is.EqualTo(TestClients.Url("/v1/health")));
        sent[0].AssertSdkHeaders();
        Assert.That(sent[0].Header("X-Caller"), Is.EqualTo("kept"), "the caller's default headers still apply to what the SDK does not set");
    }

    [Test]
    public async Task Disposing_the_sdk_client_leaves_the_caller_client_usable()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", """{"regions":[]}""");
        using var httpClient = new HttpClient(mock);

        var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = TestClients.BaseUrl, HttpClient = httpClient });
        await client.Platform.ListRegionsAsync();
        client.Dispose();

        using var response = await httpClient.GetAsync(new Uri(TestClients.Url("/v1/regions")));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void Retries_and_error_mapping_still_apply_through_a_caller_client()
    {
        using var mock = new MockHttpMessageHandler();
        var sent = new List<SentRequest>();
        mock.Expect("*").RecordTo(sent).Respond(HttpStatusCode.ServiceUnavailable);
        mock.Expect("*").RecordTo(sent).Respond(HttpStatusCode.NotFound, "application/json", """{"error":{"code":"not_found","message":"no such project"}}""");
        using var client = TestClients.Create(mock, options => options.Retry = new RetryOptions { BaseDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero });

        var error = Assert.ThrowsAsync<PgBeamNotFoundException>(() => client.Projects.GetProjectAsync("prj_missing"));

        Assert.That(sent, Has.Count.EqualTo(2));
        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
