using Meurs.Web.Features.Jobs;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;

namespace Meurs.Tests.Web.Jobs;

/// <summary>Hangfire's process-wide log provider outlives the host that set it: it must go quiet, not throw.</summary>
public sealed class HangfireLogProviderTests
{
    [Fact]
    public void GetLogger_FactoryDisposed_QuietLoggerInsteadOfObjectDisposed()
    {
        var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace));
        var provider = new HangfireLogProvider(factory);
        var before = provider.GetLogger("Hangfire.Test");
        factory.Dispose();

        var after = provider.GetLogger("Hangfire.Test");

        Assert.False(after.Log(HangfireLevel.Error, () => "lost", null));
        before.Log(HangfireLevel.Error, () => "also lost", null);
    }

    [Fact]
    public void Log_LiveFactory_WritesAtTheMappedLevel()
    {
        var sink = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Information));
        var log = new HangfireLogProvider(factory).GetLogger("Hangfire.Test");

        Assert.False(log.Log(HangfireLevel.Debug, null));
        Assert.True(log.Log(HangfireLevel.Warn, null));
        Assert.True(log.Log(HangfireLevel.Warn, () => "slow poll"));

        Assert.Equal([(LogLevel.Warning, "slow poll")], sink.Entries);
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new ListLogger(Entries);

        public void Dispose()
        {
        }

        private sealed class ListLogger(List<(LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
