using System;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Security;

/// <summary>
/// Item 5 of issue 9: a RequestOptions.Headers value HTTP cannot carry fails at once with an ArgumentException naming
/// the header (never quoting the value), before anything is sent, instead of failing in the transport and being retried.
/// </summary>
public class HeaderValueTests
{
    [TestCase("café-SECRET", TestName = "A_header_value_with_an_accented_letter_is_refused_before_sending")]
    [TestCase("日本-SECRET", TestName = "A_header_value_in_another_script_is_refused_before_sending")]
    [TestCase("line\u2028SECRET", TestName = "A_header_value_with_a_unicode_line_separator_is_refused_before_sending")]
    [TestCase("bell\u0007SECRET", TestName = "A_header_value_with_a_control_character_is_refused_before_sending")]
    [TestCase("del\u007fSECRET", TestName = "A_header_value_with_DEL_is_refused_before_sending")]
    public void A_value_HTTP_cannot_carry_is_refused(string value)
    {
        using var mock = new MockHttpMessageHandler();
        var anyRequest = mock.When("*").Respond("application/json", PolicyJson);
        using var client = TestClients.Create(mock);
        var requestOptions = new RequestOptions();
        requestOptions.Headers["X-Note"] = value;

        var error = Assert.ThrowsAsync<ArgumentException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1", requestOptions));

        Assert.That(error!.Message, Does.Contain("X-Note").And.Contain("nothing was sent").And.Not.Contain("SECRET"));
        Assert.That(mock.GetMatchCount(anyRequest), Is.Zero);
    }

    [Test]
    public async Task Printable_ASCII_spaces_and_tabs_are_sent_as_given()
    {
        using var mock = new MockHttpMessageHandler();
        mock.When("*").With(request => request.Headers.TryGetValues("X-Note", out var values) && string.Join(",", values) == "a b\tc ~!").Respond("application/json", PolicyJson);
        using var client = TestClients.Create(mock);
        var requestOptions = new RequestOptions();
        requestOptions.Headers["X-Note"] = "a b\tc ~!";

        var profile = await client.Policies.GetPolicyProfileAsync("prj_1", "pol_1", requestOptions);

        Assert.That(profile.Id, Is.EqualTo("pol_1"));
    }
}
