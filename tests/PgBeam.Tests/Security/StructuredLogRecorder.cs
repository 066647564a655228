using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text;
using Microsoft.Extensions.Logging;

namespace PgBeam.Tests.Security;

/// <summary>
/// Records every log record and scope at every level the way a structured sink sees it: the formatted message, and
/// each value of the structured state walked to its leaves (a header list is a list of values, not one string).
/// </summary>
internal sealed class StructuredLogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<Record> _records = new();

    public IReadOnlyList<Record> Records => [.. _records];

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _records);

    public void Dispose()
    {
    }

    /// <summary>One record or scope; <see cref="Everything"/> is all a sink could export.</summary>
    internal sealed record Record(string Category, LogLevel Level, string Message, string State, string? Exception)
    {
        public string Everything => $"{Category}\n{Message}\n{State}\n{Exception}";
    }

    /// <summary>Every leaf of a state object, one per line, as <c>key=value</c>.</summary>
    internal static string Walk(object? state)
    {
        var text = new StringBuilder();
        Walk(state, text, depth: 0);
        return text.ToString();
    }

    private static void Walk(object? value, StringBuilder text, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                text.Append(s).Append('\n');
                return;
            case KeyValuePair<string, object?> pair:
                text.Append(pair.Key).Append('=');
                Walk(pair.Value, text, depth + 1);
                return;
            case IEnumerable items when depth < 8:
                foreach (var item in items)
                {
                    Walk(item, text, depth + 1);
                }

                // A state list may also format itself differently from its items.
                text.Append(value).Append('\n');
                return;
            default:
                text.Append(value).Append('\n');
                return;
        }
    }

    private sealed class Recorder(string category, ConcurrentQueue<Record> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            records.Enqueue(new Record(category, LogLevel.None, "(scope)", Walk(state), null));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            records.Enqueue(new Record(category, logLevel, $"{eventId} {formatter(state, exception)}", Walk(state), exception?.ToString()));
    }
}
