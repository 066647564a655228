using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.Extensions.Logging;

namespace PgBeam.Tests.Support;

/// <summary>
/// Keeps every log entry written through it, at every level, and every scope opened, the way a structured sink sees
/// them: the formatted message, the state values, each value walked to its leaves (a header list is a list of values,
/// not one string), and the exception text.
/// </summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private readonly ConcurrentQueue<LogEntry> _scopes = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>The scopes opened, as entries with level <see cref="LogLevel.None"/> and message <c>(scope)</c>.</summary>
    public IReadOnlyList<LogEntry> Scopes => [.. _scopes];

    /// <summary>Entries and scopes: everything a sink could export.</summary>
    public IReadOnlyList<LogEntry> Records => [.. _entries, .. _scopes];

    /// <summary>A factory that sends everything, Trace and up, to a new recorder.</summary>
    public static (ILoggerFactory Factory, RecordingLoggerProvider Recorder) CreateFactory()
    {
        var recorder = new RecordingLoggerProvider();
        var factory = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(recorder));
        return (factory, recorder);
    }

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _entries, _scopes);

    public void Dispose()
    {
    }

    /// <summary>One entry; <see cref="Text"/> is what a log sink could print, <see cref="Everything"/> what a structured one could export.</summary>
    internal sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, object?>> State, string StateLeaves, string? Exception)
    {
        public string Text => $"{Category} {Level} {EventId} {Message} {string.Join(";", State)} {Exception}";

        public string Everything => $"{Category}\n{EventId} {Message}\n{StateLeaves}\n{Exception}";
    }

    /// <summary>Every leaf of a state object, one per line, as <c>key=value</c>.</summary>
    private static string Walk(object? state)
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

    private sealed class Recorder(string category, ConcurrentQueue<LogEntry> entries, ConcurrentQueue<LogEntry> scopes) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            scopes.Enqueue(new LogEntry(category, LogLevel.None, default, "(scope)", Values(state), Walk(state), null));
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), Values(state), Walk(state), exception?.ToString()));

        private static IReadOnlyList<KeyValuePair<string, object?>> Values(object? state) =>
            state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
    }
}
