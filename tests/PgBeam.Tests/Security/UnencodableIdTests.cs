using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Security;

/// <summary>
/// Item 7 of issue 9: an id with an unpaired surrogate would be sent as U+FFFD, naming another resource; it is refused
/// with an ArgumentException like the other bad ids, and so are query values and body strings UTF-8 cannot encode.
/// </summary>
public class UnencodableIdTests
{
    // Attribute arguments are stored as UTF-8, which would turn a lone surrogate into U+FFFD: the ids are built here.
    public static IEnumerable<TestCaseData> UnencodableIds()
    {
        yield return new TestCaseData("pol_" + (char)0xD800).SetName("An_id_with_a_lone_high_surrogate_is_refused_before_sending");
        yield return new TestCaseData("pol_" + (char)0xDC00 + "x").SetName("An_id_with_a_lone_low_surrogate_is_refused_before_sending");
        yield return new TestCaseData("pol_" + (char)0xDE00 + (char)0xD83D).SetName("An_id_with_surrogates_in_the_wrong_order_is_refused_before_sending");
    }

    [TestCaseSource(nameof(UnencodableIds))]
    public void A_path_id_UTF8_cannot_encode_is_refused(string policyId)
    {
        using var mock = new MockHttpMessageHandler();
        var anyRequest = mock.When("*").Respond("application/json", PolicyJson);
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<ArgumentException>(() => client.Policies.GetPolicyProfileAsync("prj_1", policyId));

        Assert.That(error!.ParamName, Is.EqualTo("policyId"));
        Assert.That(error.Message, Does.Contain("surrogate").And.Contain("nothing was sent"));
        Assert.That(mock.GetMatchCount(anyRequest), Is.Zero);
    }

    [Test]
    public async Task An_id_with_a_whole_surrogate_pair_is_sent_as_its_UTF8_escape()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, TestClients.Url("/v1/projects/prj_1/policies/pol_%F0%9F%98%80")).Respond("application/json", PolicyJson);
        using var client = TestClients.Create(mock);

        await client.Policies.GetPolicyProfileAsync("prj_1", "pol_\U0001F600");

        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public void A_query_value_UTF8_cannot_encode_is_refused()
    {
        using var mock = new MockHttpMessageHandler();
        var anyRequest = mock.When("*").Respond("application/json", """{"entries":[]}""");
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<ArgumentException>(() => client.Agents.ListAuditLogsAsync("prj_1", new ListAuditLogsParams { Event = "blocked\uD800" }));

        Assert.That(error!.Message, Does.Contain("surrogate"));
        Assert.That(mock.GetMatchCount(anyRequest), Is.Zero);
    }

    [Test]
    public void A_body_string_UTF8_cannot_encode_is_refused_without_quoting_it()
    {
        using var mock = new MockHttpMessageHandler();
        var anyRequest = mock.When("*").Respond("application/json", PolicyJson);
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<ArgumentException>(() => client.Policies.CreatePolicyProfileAsync("prj_1", new PolicyProfileInput { Name = "SECRET\uD800name" }));

        Assert.That(error!.Message, Does.Contain("surrogate").And.Not.Contain("SECRET"));
        Assert.That(mock.GetMatchCount(anyRequest), Is.Zero);
    }
}
