using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;
using static PgBeam.Tests.Transport.TransportFixtures;

namespace PgBeam.Tests.Security;

/// <summary>
/// Item 3 of issue 9: a response header that echoes a secret of the call (the key, a provided token, a custom header
/// value) reaches neither the exception's Message, its ToString() nor its RequestId.
/// </summary>
public class EchoedSecretRedactionTests
{
    private const string CustomHeaderValue = "tenant-ECHOED-header-0123";
    private const string ProvidedToken = "jwt-ECHOED-token-0123456789";

    private static MockHttpMessageHandler EchoingApi(string echoed)
    {
        var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, TestClients.Url(PolicyPath)).Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.NotFound)
            {
                Content = new StringContent("""{"error":{"code":"not_found","message":"no such policy"}}""", Encoding.UTF8, "application/json"),
            };
            response.Headers.TryAddWithoutValidation("X-Request-Id", "req_" + echoed);
            return response;
        });
        return mock;
    }

    private static void AssertMasked(PgBeamApiException error, string secret)
    {
        Assert.That(error.Message, Does.Not.Contain(secret).And.Contain("request id req_***"));
        Assert.That(error.ToString(), Does.Not.Contain(secret));
        Assert.That(error.RequestId, Is.EqualTo("req_***"));
    }

    [Test]
    public void An_X_Request_Id_echoing_the_api_key_is_masked_in_the_message_ToString_and_RequestId()
    {
        using var mock = EchoingApi(TestClients.ApiKey);
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<PgBeamNotFoundException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        AssertMasked(error!, TestClients.ApiKey);
    }

    [Test]
    public void An_X_Request_Id_echoing_the_provided_token_is_masked()
    {
        using var mock = EchoingApi(ProvidedToken);
        using var client = TestClients.Create(mock, options => options.TokenProvider = _ => ValueTask.FromResult(ProvidedToken));

        var error = Assert.ThrowsAsync<PgBeamNotFoundException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        AssertMasked(error!, ProvidedToken);
    }

    [Test]
    public void An_X_Request_Id_echoing_a_custom_header_value_is_masked()
    {
        using var mock = EchoingApi(CustomHeaderValue);
        using var client = TestClients.Create(mock);
        var requestOptions = new RequestOptions();
        requestOptions.Headers["X-Tenant"] = CustomHeaderValue;

        var error = Assert.ThrowsAsync<PgBeamNotFoundException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1", requestOptions));

        AssertMasked(error!, CustomHeaderValue);
    }

    [Test]
    public void A_request_id_without_a_secret_is_kept_as_sent()
    {
        using var mock = EchoingApi("01HZX3");
        using var client = TestClients.Create(mock);

        var error = Assert.ThrowsAsync<PgBeamNotFoundException>(() => client.Policies.GetPolicyProfileAsync("prj_1", "pol_1"));

        Assert.That(error!.RequestId, Is.EqualTo("req_01HZX3"));
    }
}
