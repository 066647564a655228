using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using PgBeam.ContractTests.Contract;
using PgBeam.ContractTests.Recording;

namespace PgBeam.ContractTests.Calls;

/// <summary>What happened when one <see cref="OperationCall"/> ran against Prism: the requests it sent, its result or exception.</summary>
internal sealed class CallOutcome
{
    /// <summary>Prism answers in milliseconds; this only bounds a hang.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    private CallOutcome(OperationCall call, IReadOnlyList<RecordedExchange> exchanges, object? result, Exception? exception)
    {
        Call = call;
        Exchanges = exchanges;
        Result = result;
        Exception = exception;
    }

    public OperationCall Call { get; }

    public IReadOnlyList<RecordedExchange> Exchanges { get; }

    public object? Result { get; }

    public Exception? Exception { get; }

    public static async Task<CallOutcome> RunAsync(PgBeamClient client, ExchangeLog log, OperationCall call)
    {
        var start = log.Count;
        using var timeout = new CancellationTokenSource(CallTimeout);
        try
        {
            var result = await call.InvokeAsync(client, timeout.Token);
            return new CallOutcome(call, log.Since(start), result, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new CallOutcome(call, log.Since(start), null, ex);
        }
    }

    /// <summary>
    /// Everything wrong with this call, Prism's reasons first; empty when it reached the right operation once, Prism
    /// accepted it, every input the variant sets arrived (and nothing else), and the answer was read into the typed result.
    /// </summary>
    public IReadOnlyList<string> Problems(ContractDocument contract)
    {
        if (Call.Problem is { } underived)
        {
            return [underived.Message];
        }

        var problems = new List<string>();
        var rejected = Exchanges.Where(e => e.Violations.Count > 0).ToList();
        if (rejected.Count > 0)
        {
            problems.Add(ExchangeLog.Describe(rejected).TrimEnd());
        }

        if (Exception is not null)
        {
            problems.Add($"the call threw {Exception.GetType().Name}: {Exception.Message}");
        }

        if (Exchanges.Count != 1)
        {
            problems.Add($"one request should have reached Prism, {Exchanges.Count} did");
            return problems;
        }

        var exchange = Exchanges[0];
        if (exchange.OperationId != Call.OperationId)
        {
            problems.Add($"the request {exchange.Method} {exchange.Path} matches {exchange.OperationId ?? "no operation of the contract"}, not {Call.OperationId}");
            return problems;
        }

        if ((int)exchange.Status is < 200 or > 299)
        {
            problems.Add($"Prism answered {(int)exchange.Status} {exchange.Status}");
        }

        problems.AddRange(ExpectedRequest.For(contract[Call.OperationId], Call.Variant).Differences(exchange));
        problems.AddRange(Call.Derived!.Differences(exchange));

        if (Exception is null && Call.ResultType is not null)
        {
            if (Result is null || !Call.ResultType.IsInstanceOfType(Result))
            {
                problems.Add($"the result is {Result?.GetType().Name ?? "null"}, not {Call.ResultType.Name}");
            }
            else
            {
                problems.AddRange(UnknownResponseFields.In(Result).Select(f => $"the response field {f} has no property in {Call.ResultType.Name} (kept in AdditionalProperties)"));
            }
        }

        if (Exception is null && Call.ResultType is null && exchange.Status is not (HttpStatusCode.NoContent or HttpStatusCode.Accepted or HttpStatusCode.OK))
        {
            problems.Add($"a call without a response body was answered {(int)exchange.Status}");
        }

        return problems;
    }
}
