using System;
using PgBeam.Testing.State;

namespace PgBeam.Testing;

/// <summary>
/// The queue of injected faults. Each request takes the first queued fault that applies to its operation (if
/// any); a fault queued for <c>n</c> requests applies to the next <c>n</c> matching ones. Faults that answer with a
/// status do so before the request is processed, so nothing changes and a retry starts from the same state.
/// </summary>
/// <remarks>
/// 429 and 503 answers are how the real API signals overload, but the contract does not list 503 (nor 429 for every
/// operation): a contract-validating proxy in front of the sandbox reports those as undeclared statuses.
/// </remarks>
public sealed class SandboxFaults
{
    private readonly SandboxState _state;

    internal SandboxFaults(SandboxState state)
    {
        _state = state;
    }

    /// <summary>How many requests the queued faults will still apply to.</summary>
    public int Pending
    {
        get
        {
            lock (_state.Gate)
            {
                var total = 0;
                foreach (var fault in _state.PendingFaults)
                {
                    total += fault.Count;
                }

                return total;
            }
        }
    }

    /// <summary>Queues a fault.</summary>
    /// <param name="fault">Built with the static methods of <see cref="SandboxFault"/>.</param>
    public void Enqueue(SandboxFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_state.Gate)
        {
            _state.PendingFaults.Add(fault);
        }
    }

    /// <summary>The next <paramref name="count"/> matching requests get 429 with <c>Retry-After</c>.</summary>
    /// <param name="retryAfter">The wait the server asks for.</param>
    /// <param name="count">How many requests in a row.</param>
    /// <param name="operationId">Only this operation (<c>listAuditLogs</c>), or null for any.</param>
    public void InjectRateLimit(TimeSpan retryAfter, int count = 1, string? operationId = null) =>
        Enqueue(Narrow(SandboxFault.RateLimit(retryAfter), count, operationId));

    /// <summary>The next <paramref name="count"/> matching requests get 503.</summary>
    /// <param name="count">How many requests in a row.</param>
    /// <param name="operationId">Only this operation, or null for any.</param>
    /// <param name="retryAfter">A <c>Retry-After</c> to send, or null for none.</param>
    public void InjectServiceUnavailable(int count = 1, string? operationId = null, TimeSpan? retryAfter = null) =>
        Enqueue(Narrow(SandboxFault.ServiceUnavailable(retryAfter), count, operationId));

    /// <summary>The next <paramref name="count"/> matching calls fail with a connection error before the sandbox sees them.</summary>
    /// <param name="count">How many requests in a row.</param>
    /// <param name="operationId">Only this operation, or null for any.</param>
    public void InjectConnectionFailure(int count = 1, string? operationId = null) =>
        Enqueue(Narrow(SandboxFault.ConnectionFailure(), count, operationId));

    /// <summary>The next <paramref name="count"/> matching requests are processed, then their answer is lost.</summary>
    /// <param name="count">How many requests in a row.</param>
    /// <param name="operationId">Only this operation, or null for any.</param>
    public void InjectResponseLost(int count = 1, string? operationId = null) =>
        Enqueue(Narrow(SandboxFault.ResponseLost(), count, operationId));

    /// <summary>Drops every queued fault.</summary>
    public void Clear()
    {
        lock (_state.Gate)
        {
            _state.PendingFaults.Clear();
        }
    }

    /// <summary>Takes the fault for one request; call under the state lock.</summary>
    internal SandboxFault? TakeFor(string? operationId)
    {
        var faults = _state.PendingFaults;
        for (var i = 0; i < faults.Count; i++)
        {
            var fault = faults[i];
            if (!fault.Matches(operationId))
            {
                continue;
            }

            if (fault.Used() is { } rest)
            {
                faults[i] = rest;
            }
            else
            {
                faults.RemoveAt(i);
            }

            return fault;
        }

        return null;
    }

    private static SandboxFault Narrow(SandboxFault fault, int count, string? operationId)
    {
        var narrowed = fault.Times(count);
        return operationId is null ? narrowed : narrowed.ForOperation(operationId);
    }
}
