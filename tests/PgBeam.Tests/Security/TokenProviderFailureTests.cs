using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using NUnit.Framework;
using PgBeam.Tests.Support;
using RichardSzalay.MockHttp;

namespace PgBeam.Tests.Security;

/// <summary>
/// Item 6 of issue 9: every way a token provider can fail (a synchronous throw, a faulted or cancelled task, a null,
/// empty or blank token) is a PgBeamAuthenticationException carrying the cause; it is not retried and nothing is sent.
/// </summary>
public class TokenProviderFailureTests
{
    public static IEnumerable<TestCaseData> FailingProviders()
    {
        yield return Case("A_provider_that_throws_synchronously_fails_with_an_authentication_error", typeof(InvalidOperationException),
            _ => throw new InvalidOperationException("vault is sealed"));
        yield return Case("A_provider_that_throws_a_network_error_synchronously_is_not_retried_as_one", typeof(HttpRequestException),
            _ => throw new HttpRequestException("vault unreachable"));
        yield return Case("A_provider_that_returns_a_faulted_task_fails_with_an_authentication_error", typeof(HttpRequestException),
            _ => ValueTask.FromException<string>(new HttpRequestException("vault unreachable")));
        yield return Case("A_provider_that_returns_a_cancelled_task_the_caller_did_not_ask_for_fails_with_an_authentication_error", typeof(TaskCanceledException),
            _ => ValueTask.FromCanceled<string>(new CancellationToken(canceled: true)));
        yield return Case("A_provider_that_throws_from_an_async_method_fails_with_an_authentication_error", typeof(TimeoutException),
            async _ =>
            {
                await Task.Yield();
                throw new TimeoutException("identity endpoint slow");
            });
        yield return Case("A_provider_that_returns_null_fails_with_an_authentication_error", typeof(ArgumentException),
            _ => ValueTask.FromResult<string>(null!));
        yield return Case("A_provider_that_returns_an_empty_token_fails_with_an_authentication_error", typeof(ArgumentException),
            _ => ValueTask.FromResult(string.Empty));
        yield return Case("A_provider_that_returns_a_blank_token_fails_with_an_authentication_error", typeof(ArgumentException),
            _ => ValueTask.FromResult("   "));
    }

    private static TestCaseData Case(string name, Type cause, Func<CancellationToken, ValueTask<string>> provider) =>
        new TestCaseData(provider, cause).SetName(name);

    [TestCaseSource(nameof(FailingProviders))]
    public void A_failing_provider_is_an_authentication_error_that_is_not_retried(Func<CancellationToken, ValueTask<string>> provider, Type cause)
    {
        var asked = 0;
        using var mock = new MockHttpMessageHandler();
        var anyRequest = mock.When("*").Respond("application/json", """{"regions":[]}""");
        using var client = TestClients.Create(mock, options =>
        {
            options.TokenProvider = token =>
            {
                Interlocked.Increment(ref asked);
                return provider(token);
            };

            // Were a failure retried, it would be at once, and counted.
            options.Retry.BaseDelay = TimeSpan.Zero;
            options.Retry.MaxDelay = TimeSpan.Zero;
        });

        var error = Assert.ThrowsAsync<PgBeamAuthenticationException>(() => client.Platform.ListRegionsAsync());

        Assert.That(error!.InnerException, Is.InstanceOf(cause));
        Assert.That(error.Message, Does.Contain("token provider"));
        Assert.That(asked, Is.EqualTo(1), "not retried");
        Assert.That(mock.GetMatchCount(anyRequest), Is.Zero, "nothing was sent");
    }

    [Test]
    public void A_caller_cancellation_during_the_provider_stays_a_cancellation()
    {
        using var mock = new MockHttpMessageHandler();
        using var cancellation = new CancellationTokenSource();
        using var client = TestClients.Create(mock, options => options.TokenProvider = token =>
        {
            cancellation.Cancel();
            token.ThrowIfCancellationRequested();
            return ValueTask.FromResult("never");
        });

        Assert.CatchAsync<OperationCanceledException>(() => client.Platform.ListRegionsAsync(cancellationToken: cancellation.Token));
    }
}
