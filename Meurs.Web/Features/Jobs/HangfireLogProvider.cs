using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Meurs.Web.Features.Jobs;

/// <summary>
/// Hangfire's log provider over the host's <see cref="ILoggerFactory"/>, as Hangfire.AspNetCore's own is, except that
/// it goes quiet rather than throwing once that factory is disposed.
/// </summary>
/// <remarks>
/// Hangfire keeps its log provider in a process-wide static (<c>LogProvider</c>), so the last host to start owns it.
/// When hosts come and go in one process (the tests start dozens), a storage created after the owning host stopped
/// asked a disposed factory for a logger and failed with <see cref="ObjectDisposedException"/>.
/// </remarks>
public sealed class HangfireLogProvider(ILoggerFactory factory) : ILogProvider
{
    /// <inheritdoc />
    public ILog GetLogger(string name)
    {
        try
        {
            return new LoggerLog(factory.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new LoggerLog(null);
        }
    }

    private sealed class LoggerLog(ILogger? logger) : ILog
    {
        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (logger is null)
            {
                return false;
            }
            var level = logLevel switch
            {
                HangfireLevel.Trace => LogLevel.Trace,
                HangfireLevel.Debug => LogLevel.Debug,
                HangfireLevel.Info => LogLevel.Information,
                HangfireLevel.Warn => LogLevel.Warning,
                HangfireLevel.Error => LogLevel.Error,
                _ => LogLevel.Critical,
            };
            try
            {
                // LibLog asks with no message whether a level is enabled.
                if (messageFunc is null)
                {
                    return logger.IsEnabled(level);
                }
                logger.Log(level, 0, exception, "{Message}", messageFunc());
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
