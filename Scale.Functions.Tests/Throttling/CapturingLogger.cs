using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Scale.Functions.Tests.Throttling;

/// <summary>Records log entries so tests can assert on level and count, never on message text.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, Exception? Exception)> _entries = new();

    public int Count(LogLevel level) => _entries.Count(e => e.Level == level);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue((logLevel, exception));
}
