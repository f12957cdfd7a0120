using Microsoft.Extensions.Options;

namespace Meurs.Web.Realtime;

/// <summary>
/// Asks, every <see cref="RealtimeOptions.SessionCheckInterval"/>, whether the credentials of this node's open sockets
/// still hold, and closes those that do not (<see cref="SocketSessions.EndRevokedAsync"/>). One small query while
/// sockets are open, none while none are. This is what ends the sockets of an account disabled from the command line,
/// which runs in another process and cannot reach them.
/// </summary>
public sealed class SessionWatch(SocketSessions sessions, IOptionsMonitor<RealtimeOptions> options, TimeProvider time, ILogger<SessionWatch> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CurrentValue.SessionCheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await sessions.EndRevokedAsync(null, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The next tick tries again; a database hiccup must not stop the watch for good.
                    logger.LogWarning(ex, "Checking open sockets' sessions failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
