using System;
using System.Linq;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>The keyless demo: its description, credentials by tier, the payment of the paid tier, limits and release.</summary>
[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class DemoTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public async Task An_empty_request_gets_a_free_credential_that_counts_as_live()
    {
        var before = await Client.Demo.GetDemoAsync();
        var credential = await Client.Demo.CreateDemoCredentialAsync();
        var after = await Client.Demo.GetDemoAsync();

        Assert.That(before.Available, Is.True);
        Assert.That(before.LiveSessions, Is.Zero);
        Assert.That(before.Tiers.Select(t => t.Name), Is.EqualTo(new[] { DemoTierName.Free, DemoTierName.Extended }));
        Assert.That(credential.SessionId, Does.StartWith("dmo_"));
        Assert.That(credential.Tier, Is.EqualTo("free"));
        Assert.That(credential.TtlSeconds, Is.EqualTo(before.Tiers[0].TtlSeconds));
        Assert.That(credential.ExpiresAt, Is.EqualTo(Start.AddSeconds(credential.TtlSeconds)));
        Assert.That(credential.ConnectionString, Does.StartWith("postgresql://").And.Contain(".invalid"));
        Assert.That(credential.McpToken, Does.StartWith("pbd_"));
        Assert.That(credential.PolicyTemplate.TableAllowlist, Is.EqualTo(before.Dataset.Tables.Where(t => t.Reachable).Select(t => t.Name)));
        Assert.That(after.LiveSessions, Is.EqualTo(1));
        Assert.That(Sandbox.IsDemoCredentialValid(credential.McpToken), Is.True);
    }

    [Test]
    public async Task The_extended_tier_needs_a_payment_proof()
    {
        var error = Assert.ThrowsAsync<PgBeamPaymentRequiredException>(() => Client.Demo.CreateDemoCredentialAsync(new CreateDemoCredentialRequest { Tier = DemoTierName.Extended }));
        var paid = await Client.Demo.CreateDemoCredentialAsync(new CreateDemoCredentialRequest { Tier = DemoTierName.Extended, PaymentProof = "proof-from-the-facilitator", Label = "eval-agent" });

        Assert.That(error!.TryGetBody<DemoPaymentChallenge>(out var challenge), Is.True);
        Assert.That(challenge!.Tier, Is.EqualTo("extended"));
        Assert.That(challenge.Resource, Is.EqualTo("pgbeam.demo.credential.extended"));
        Assert.That(challenge.Accepts.Single().Amount, Is.EqualTo("5000000"));
        Assert.That(paid.Tier, Is.EqualTo("extended"));
        Assert.That(paid.TtlSeconds, Is.EqualTo(86_400));
        Assert.That((await Client.Demo.GetDemoAsync()).LiveSessions, Is.EqualTo(1), "the refused request issued nothing");
    }

    [Test]
    public async Task Release_ends_the_session_once_and_needs_its_token()
    {
        var credential = await Client.Demo.CreateDemoCredentialAsync();

        Assert.ThrowsAsync<PgBeamUnauthorizedException>(() => Client.Demo.ReleaseDemoCredentialAsync(credential.SessionId, new ReleaseDemoCredentialRequest { McpToken = "pbd_wrong" }));
        var first = await Client.Demo.ReleaseDemoCredentialAsync(credential.SessionId, new ReleaseDemoCredentialRequest { McpToken = credential.McpToken });
        var second = await Client.Demo.ReleaseDemoCredentialAsync(credential.SessionId, new ReleaseDemoCredentialRequest { McpToken = credential.McpToken });

        Assert.That(first.Released, Is.True);
        Assert.That(first.LiveSessions, Is.Zero);
        Assert.That(second.Released, Is.False);
        Assert.That(Sandbox.IsDemoCredentialValid(credential.McpToken), Is.False);
        Assert.That(Sandbox.IsDemoCredentialValid(credential.ConnectionString), Is.False);
        Assert.ThrowsAsync<PgBeamNotFoundException>(() => Client.Demo.ReleaseDemoCredentialAsync("dmo_unknown", new ReleaseDemoCredentialRequest { McpToken = credential.McpToken }));
    }

    [Test]
    public async Task An_expired_credential_is_no_longer_live_and_releasing_it_says_so()
    {
        var credential = await Client.Demo.CreateDemoCredentialAsync();
        Clock.Advance(TimeSpan.FromSeconds(credential.TtlSeconds));

        var released = await Client.Demo.ReleaseDemoCredentialAsync(credential.SessionId, new ReleaseDemoCredentialRequest { McpToken = credential.McpToken });

        Assert.That(released.Released, Is.False);
        Assert.That((await Client.Demo.GetDemoAsync()).LiveSessions, Is.Zero);
        Assert.That(Sandbox.IsDemoCredentialValid(credential.McpToken), Is.False);
    }

    [Test]
    public async Task One_client_gets_a_limited_number_of_credentials_per_hour()
    {
        var limit = (await Client.Demo.GetDemoAsync()).MaxSessionsPerHourPerClient;
        for (var i = 0; i < limit; i++)
        {
            await Client.Demo.CreateDemoCredentialAsync();
            Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var error = Assert.ThrowsAsync<PgBeamRateLimitException>(() => Client.Demo.CreateDemoCredentialAsync(requestOptions: new RequestOptions { MaxRetries = 0 }));
        Clock.Advance(TimeSpan.FromMinutes(50));
        var later = await Client.Demo.CreateDemoCredentialAsync();

        Assert.That(error!.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(50)));
        Assert.That(later.SessionId, Does.StartWith("dmo_"));
    }

    [Test]
    public async Task The_demo_needs_no_key()
    {
        using var anonymous = CreateRawHttpClient();
        anonymous.DefaultRequestHeaders.Authorization = null;

        using var described = await anonymous.GetAsync("v1/demo");
        using var issued = await anonymous.PostAsync("v1/demo/credentials", null);

        Assert.That((int)described.StatusCode, Is.EqualTo(200));
        Assert.That((int)issued.StatusCode, Is.EqualTo(201));
    }
}
