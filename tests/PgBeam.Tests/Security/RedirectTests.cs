using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using PgBeam.Tests.Support;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Security;

/// <summary>
/// Item 4 of issue 9: the SDK never sends anything to another origin than BaseUrl. A 3xx is not followed, in any of
/// the three transport modes; it surfaces as a PgBeamRedirectException naming the status and the target origin
/// (never its path or query), and is not retried. Real sockets on 127.0.0.1, since redirects are the handler's doing.
/// </summary>
public class RedirectTests
{
    private const string DatabasePassword = "db-PASSWORD-in-body";

    private static PolicyProfileInput Body() => new() { Name = DatabasePassword, AccessMode = PolicyProfileAccessMode.ReadOnly };

    private static RequestOptions WithCustomHeader()
    {
        var options = new RequestOptions { MaxRetries = 3 };
        options.Headers["X-Tenant"] = "tenant-header-value";
        return options;
    }

    private static string OriginOf(LoopbackHttpServer server) => server.BaseUrl;

    private static void AssertRefused(PgBeamRedirectException? error, int status, LoopbackHttpServer target)
    {
        Assert.That(error, Is.Not.Null);
        Assert.That((int)error!.StatusCode, Is.EqualTo(status));
        Assert.That(error.TargetOrigin, Is.EqualTo(OriginOf(target)));
        Assert.That(error.OperationId, Is.EqualTo("createPolicyProfile"));
        Assert.That(error.Message, Does.Contain(OriginOf(target)).And.Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(error.Message, Does.Not.Contain("/steal").And.Not.Contain("session=").And.Not.Contain(DatabasePassword));
    }

    [TestCase(301)]
    [TestCase(302)]
    [TestCase(303)]
    [TestCase(307)]
    [TestCase(308)]
    public async Task The_sdks_own_handler_does_not_follow_a_redirect_to_another_origin(int status)
    {
        await using var other = LoopbackHttpServer.Start(LoopbackHttpServer.Respond(201, PolicyJson));
        await using var api = LoopbackHttpServer.Start(RawResponders.Redirect(status, other.BaseUrl + "/steal?session=abc"));
        using var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = api.BaseUrl });

        var error = Assert.ThrowsAsync<PgBeamRedirectException>(() => client.Policies.CreatePolicyProfileAsync("prj_1", Body(), WithCustomHeader()));

        AssertRefused(error, status, other);
        Assert.That(other.Requests, Is.Empty, "nothing reached the other origin");
        Assert.That(api.Requests, Has.Count.EqualTo(1), "a redirect is not retried");
    }

    [Test]
    public async Task A_redirect_loop_costs_one_request()
    {
        await using var api = LoopbackHttpServer.Start(RawResponders.Redirect(302, "/v1/projects/prj_1/policies"));
        using var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = api.BaseUrl });

        var error = Assert.ThrowsAsync<PgBeamRedirectException>(() => client.Policies.CreatePolicyProfileAsync("prj_1", Body()));

        Assert.That(error!.TargetOrigin, Is.EqualTo(api.BaseUrl), "a relative Location resolves against the API's origin");
        Assert.That(api.Requests, Has.Count.EqualTo(1));
    }

    [TestCase(false, TestName = "Under_AddPgBeam_the_factory_default_handler_does_not_follow_a_307")]
    [TestCase(true, TestName = "Under_AddPgBeam_a_primary_handler_set_by_the_caller_does_not_follow_a_307")]
    public async Task Under_AddPgBeam_a_redirect_is_not_followed(bool callerPrimaryHandler)
    {
        await using var other = LoopbackHttpServer.Start(LoopbackHttpServer.Respond(201, PolicyJson));
        await using var api = LoopbackHttpServer.Start(RawResponders.Redirect(307, other.BaseUrl + "/steal?session=abc"));
        var services = new ServiceCollection();
        var builder = services.AddPgBeam(options =>
        {
            options.ApiKey = TestClients.ApiKey;
            options.BaseUrl = api.BaseUrl;
        });
        if (callerPrimaryHandler)
        {
            // Registered after AddPgBeam, as the README shows for a proxy: AllowAutoRedirect is true by default.
            builder.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler());
        }

        using var provider = services.BuildServiceProvider();

        var error = Assert.ThrowsAsync<PgBeamRedirectException>(() => provider.GetRequiredService<PgBeamClient>().Policies.CreatePolicyProfileAsync("prj_1", Body(), WithCustomHeader()));

        AssertRefused(error, 307, other);
        Assert.That(other.Requests, Is.Empty);
        Assert.That(api.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_keyed_client_under_AddPgBeam_does_not_follow_a_redirect_either()
    {
        await using var other = LoopbackHttpServer.Start(LoopbackHttpServer.Respond(201, PolicyJson));
        await using var api = LoopbackHttpServer.Start(RawResponders.Redirect(308, other.BaseUrl + "/steal?session=abc"));
        var services = new ServiceCollection();
        services.AddPgBeam("org-a", options =>
        {
            options.ApiKey = TestClients.ApiKey;
            options.BaseUrl = api.BaseUrl;
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.ThrowsAsync<PgBeamRedirectException>(() => provider.GetRequiredKeyedService<PgBeamClient>("org-a").Policies.CreatePolicyProfileAsync("prj_1", Body()));

        AssertRefused(error, 308, other);
        Assert.That(other.Requests, Is.Empty);
    }

    [Test]
    public async Task A_caller_HttpClient_that_does_not_follow_redirects_gets_the_typed_error()
    {
        await using var other = LoopbackHttpServer.Start(LoopbackHttpServer.Respond(201, PolicyJson));
        await using var api = LoopbackHttpServer.Start(RawResponders.Redirect(302, other.BaseUrl + "/steal?session=abc"));
        using var httpClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = api.BaseUrl, HttpClient = httpClient });

        var error = Assert.ThrowsAsync<PgBeamRedirectException>(() => client.Policies.CreatePolicyProfileAsync("prj_1", Body()));

        AssertRefused(error, 302, other);
        Assert.That(other.Requests, Is.Empty);
    }

    [Test]
    public async Task The_answer_of_another_origin_reached_through_a_caller_HttpClient_that_follows_redirects_is_refused()
    {
        await using var other = LoopbackHttpServer.Start(LoopbackHttpServer.Respond(201, PolicyJson));
        await using var api = LoopbackHttpServer.Start(RawResponders.Redirect(307, other.BaseUrl + "/steal?session=abc"));
        using var httpClient = new HttpClient(); // AllowAutoRedirect is on by default: the README says to turn it off.
        using var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = api.BaseUrl, HttpClient = httpClient });

        var error = Assert.ThrowsAsync<PgBeamRedirectException>(() => client.Policies.CreatePolicyProfileAsync("prj_1", Body()));

        // The caller's handler did send it there (the SDK cannot stop a handler it does not own), but its answer is
        // not passed off as the API's.
        AssertRefused(error, 201, other);
        Assert.That(error!.Message, Does.Contain("AllowAutoRedirect"));
    }

    [Test]
    public async Task A_304_Not_Modified_to_a_conditional_read_is_not_a_redirect()
    {
        await using var api = LoopbackHttpServer.Start(LoopbackHttpServer.Respond(304, string.Empty, "application/json", "ETag: \"v7\""));
        using var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = api.BaseUrl });

        var response = await client.Policies.GetPolicyProfileWithResponseAsync("prj_1", "pol_1", ifNoneMatch: "\"v7\"");

        Assert.That(response.IsNotModified, Is.True);
        Assert.That(response.ETag, Is.EqualTo("\"v7\""));
        Assert.That(api.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_same_origin_answer_is_unaffected()
    {
        await using var api = LoopbackHttpServer.Start(LoopbackHttpServer.Respond(201, PolicyJson));
        using var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = TestClients.ApiKey, BaseUrl = api.BaseUrl });

        var profile = await client.Policies.CreatePolicyProfileAsync("prj_1", Body());

        Assert.That(profile.Id, Is.EqualTo("pol_1"));
    }
}
