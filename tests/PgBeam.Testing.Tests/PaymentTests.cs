using System.Linq;
using System.Net;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Testing.Tests.Support;

namespace PgBeam.Testing.Tests;

/// <summary>A priced operation (one the contract gives a 402 and a Payment-Authorization header) as the sandbox answers it.</summary>
[TestFixture(SandboxTransport.InProcess)]
[TestFixture(SandboxTransport.PrismProxy)]
public class PaymentTests(SandboxTransport transport) : SandboxTestBase(transport)
{
    [Test]
    public void Without_a_payment_the_call_gets_402_with_a_Payment_challenge_and_a_payment_problem()
    {
        var error = Assert.ThrowsAsync<PgBeamPaymentRequiredException>(() => Client.Payments.CreateBudgetTopupAsync(new BudgetTopupInput { Packs = 2 }));

        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.PaymentRequired));
        Assert.That(error.Challenge, Does.StartWith("Payment "));
        Assert.That(error.ChallengeParameters["realm"], Is.EqualTo("sandbox.pgbeam.invalid"));
        Assert.That(error.ChallengeParameters["id"], Does.StartWith("ch_"));
        Assert.That(error.PaymentProblem!.ChallengeId, Is.EqualTo(error.ChallengeParameters["id"]), "the body names the challenge of the header");
        Assert.That(error.PaymentProblem.Status, Is.EqualTo(402));
        Assert.That(error.Headers["Cache-Control"].Single(), Is.EqualTo("no-store"));
        Assert.That(Sandbox.Requests.Count(r => r.OperationId == "createBudgetTopup"), Is.EqualTo(1), "a 402 is not retried");
    }

    [Test]
    public async Task With_a_payment_credential_the_call_goes_through()
    {
        var topup = await Client.Payments.CreateBudgetTopupAsync(new BudgetTopupInput { Packs = 2 }, paymentAuthorization: "Payment sandbox-credential");

        Assert.That(topup, Is.Not.Null);
        Assert.That(Sandbox.Requests.Single(r => r.OperationId == "createBudgetTopup").StatusCode, Is.EqualTo(HttpStatusCode.Created).Or.EqualTo(HttpStatusCode.OK));
    }
}
