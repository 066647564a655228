using System;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Security;

/// <summary>Item 11 of issue 9: a call on a disposed client fails with an ObjectDisposedException that names PgBeamClient.</summary>
public class DisposedClientTests
{
    private static void AssertNamesTheClient(ObjectDisposedException? error)
    {
        Assert.That(error!.ObjectName, Is.EqualTo("PgBeamClient"));
        Assert.That(error.Message, Does.Contain("PgBeamClient").And.Not.Contain("HttpMessageInvoker"));
    }

    [Test]
    public void A_call_after_Dispose_names_PgBeamClient_with_the_sdks_own_handler()
    {
        var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = "http://127.0.0.1:9" });
        client.Dispose();

        AssertNamesTheClient(Assert.ThrowsAsync<ObjectDisposedException>(() => client.Platform.GetHealthAsync()));
    }

    [Test]
    public void A_call_after_Dispose_names_PgBeamClient_with_a_caller_HttpClient()
    {
        using var mock = new MockHttpMessageHandler();
        var anyRequest = mock.When("*").Respond("application/json", """{"status":"ok"}""");
        using var httpClient = new HttpClient(mock);
        var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = TestClients.BaseUrl, HttpClient = httpClient });
        client.Dispose();

        AssertNamesTheClient(Assert.ThrowsAsync<ObjectDisposedException>(() => client.Policies.ListPolicyProfilesAsync("prj_1")));
        Assert.That(mock.GetMatchCount(anyRequest), Is.Zero);
    }

    [Test]
    public void A_call_after_the_container_is_disposed_names_PgBeamClient()
    {
        var services = new ServiceCollection();
        services.AddPgBeam(options => options.ApiKey = TestClients.ApiKey);
        var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<PgBeamClient>();
        provider.Dispose();

        AssertNamesTheClient(Assert.ThrowsAsync<ObjectDisposedException>(() => client.Platform.GetHealthAsync()));
    }
}
