using System;
using System.Collections.Generic;
using System.Linq;

namespace PgBeam;

/// <summary>
/// 402 Payment Required (code <c>PAYMENT_REQUIRED</c>): the operation is priced and no valid payment came with it.
/// The challenge to pay is <see cref="Challenge"/> (the <c>WWW-Authenticate: Payment …</c> header) and the reason is
/// <see cref="PaymentProblem"/> (the body). A payment credential that failed or was used twice also ends here, with a
/// new challenge. Never retried by the SDK: paying is the caller's decision.
/// </summary>
public sealed class PgBeamPaymentRequiredException : PgBeamApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="details">What the SDK read from the response.</param>
    /// <param name="paymentProblem">The body read as a payment problem, when it is one.</param>
    public PgBeamPaymentRequiredException(PgBeamErrorDetails details, PaymentProblem? paymentProblem = null)
        : base(details)
    {
        PaymentProblem = paymentProblem;
        Challenge = details!.Headers.TryGetValue("WWW-Authenticate", out var values)
            ? values.FirstOrDefault(v => v.TrimStart().StartsWith("Payment", StringComparison.OrdinalIgnoreCase))
            : null;
    }

    /// <summary>
    /// The <c>Payment</c> challenge exactly as the server sent it in <c>WWW-Authenticate</c> (auth-params <c>id</c>,
    /// <c>realm</c>, <c>method</c>, <c>intent</c>, <c>request</c>…), for a payment client; null when absent.
    /// It is never part of <see cref="Exception.Message"/>.
    /// </summary>
    public string? Challenge { get; }

    /// <summary>The challenge's auth-params (<c>id</c>, <c>realm</c>, <c>method</c>, …), quotes removed; empty without a challenge.</summary>
    public IReadOnlyDictionary<string, string> ChallengeParameters => ParseParameters(Challenge);

    /// <summary>The body read as the contract's payment problem (RFC 9457): why payment is needed, and the challenge id.</summary>
    public PaymentProblem? PaymentProblem { get; }

    private static Dictionary<string, string> ParseParameters(string? challenge)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (challenge is null)
        {
            return result;
        }

        var rest = challenge.TrimStart()["Payment".Length..];
        var i = 0;
        while (i < rest.Length)
        {
            while (i < rest.Length && (rest[i] == ',' || char.IsWhiteSpace(rest[i])))
            {
                i++;
            }

            var eq = rest.IndexOf('=', i);
            if (eq < 0)
            {
                break;
            }

            var name = rest[i..eq].Trim();
            i = eq + 1;
            string value;
            if (i < rest.Length && rest[i] == '"')
            {
                var end = i + 1;
                var text = new System.Text.StringBuilder();
                while (end < rest.Length && rest[end] != '"')
                {
                    if (rest[end] == '\\' && end + 1 < rest.Length)
                    {
                        end++;
                    }

                    text.Append(rest[end]);
                    end++;
                }

                value = text.ToString();
                i = end + 1;
            }
            else
            {
                var end = rest.IndexOf(',', i);
                end = end < 0 ? rest.Length : end;
                value = rest[i..end].Trim();
                i = end;
            }

            if (name.Length > 0)
            {
                result[name] = value;
            }
        }

        return result;
    }
}
