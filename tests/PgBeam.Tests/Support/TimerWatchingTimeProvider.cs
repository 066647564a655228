using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace PgBeam.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that tells a test when the code under test starts a timer, and for how long.
/// Backoff waits, attempt timeouts and budgets are all timers, so a test can wait until the SDK is parked in a
/// 2 s backoff, then advance exactly 2 s, without sleeping and without guessing.
/// </summary>
internal sealed class TimerWatchingTimeProvider : FakeTimeProvider
{
    private readonly object _gate = new();
    private readonly List<TimeSpan> _started = [];
    private readonly List<(Func<TimeSpan, bool> Match, int Occurrence, TaskCompletionSource<TimeSpan> Signal)> _waiters = [];

    public TimerWatchingTimeProvider()
        : base(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>The due times of every timer started so far, in order.</summary>
    public IReadOnlyList<TimeSpan> StartedTimers
    {
        get
        {
            lock (_gate)
            {
                return [.. _started];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        List<TaskCompletionSource<TimeSpan>> ready = [];
        lock (_gate)
        {
            _started.Add(dueTime);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (Count(_waiters[i].Match) >= _waiters[i].Occurrence)
                {
                    ready.Add(_waiters[i].Signal);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var signal in ready)
        {
            signal.TrySetResult(dueTime);
        }

        return timer;
    }

    /// <summary>Completes once <paramref name="occurrence"/> timers of exactly <paramref name="dueTime"/> have been started.</summary>
    public Task WaitForTimerAsync(TimeSpan dueTime, int occurrence = 1) =>
        WaitForTimerAsync(due => due == dueTime, occurrence);

    /// <summary>Completes once <paramref name="occurrence"/> timers matching <paramref name="match"/> have been started; fails after 10 s of real time.</summary>
    public Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match, int occurrence = 1)
    {
        var signal = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (Count(match) >= occurrence)
            {
                signal.SetResult(TimeSpan.Zero);
            }
            else
            {
                _waiters.Add((match, occurrence, signal));
            }
        }

        // A guard against a hung test, not a wait for time to pass: on success this returns as soon as the timer starts.
        return signal.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private int Count(Func<TimeSpan, bool> match)
    {
        var count = 0;
        foreach (var due in _started)
        {
            count += match(due) ? 1 : 0;
        }

        return count;
    }
}
