using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Feedback.Api.Tests;

/// <summary>
/// Every log line every test service writes, at the levels the service's own configuration lets through, kept for
/// the log-scan test. Tests register the secrets they use (keys, client ids, answers) so that the scan can look for them.
/// </summary>
public sealed class LogCapture : ILoggerProvider
{
    public static readonly ConcurrentQueue<string> Lines = new();
    public static readonly ConcurrentDictionary<string, byte> Secrets = new();

    public static void Secret(string value) => Secrets.TryAdd(value, 0);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose() { }

    sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)}";
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
                line += " | " + string.Join("; ", values.Select(v => $"{v.Key}={v.Value}"));
            if (exception is not null) line += " | " + exception;
            Lines.Enqueue(line);
        }
    }
}
