using System;
using System.Net.Http;
using System.Runtime.ExceptionServices;

namespace PgBeam.Http;

/// <summary>
/// What the retry loop reports back about a call: the final response or the failure that ended it, how many
/// attempts were made, and the message the last attempt sent (its <c>Authorization</c> header names the token that
/// a redactor must mask). A value, returned rather than written into shared state.
/// </summary>
internal readonly struct CallOutcome
{
    private CallOutcome(HttpResponseMessage? response, Exception? failure, int attempts, HttpRequestMessage? sent)
    {
        Response = response;
        Failure = failure;
        Attempts = attempts;
        Sent = sent;
    }

    /// <summary>The final response, or null when the call failed.</summary>
    public HttpResponseMessage? Response { get; }

    /// <summary>What ended the call (already translated into the SDK's family where it has a name for it), or null.</summary>
    public Exception? Failure { get; }

    /// <summary>Attempts started, at least 1 once anything was tried.</summary>
    public int Attempts { get; }

    /// <summary>The message of the last attempt, or null when none was sent.</summary>
    public HttpRequestMessage? Sent { get; }

    public static CallOutcome Answered(HttpResponseMessage response, int attempts, HttpRequestMessage sent) => new(response, null, attempts, sent);

    public static CallOutcome Failed(Exception failure, int attempts, HttpRequestMessage? sent) => new(null, failure, attempts, sent);

    /// <summary>The response, or the failure rethrown with its original stack.</summary>
    public HttpResponseMessage GetResponseOrThrow()
    {
        if (Failure is not null)
        {
            ExceptionDispatchInfo.Throw(Failure);
        }

        return Response!;
    }
}
