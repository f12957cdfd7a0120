using System.Data.Common;

namespace Meurs.Web.Cli;

/// <summary>What every command of one <c>meurs</c> invocation shares: the configuration overrides and the console.</summary>
/// <param name="Settings">Configuration arguments (<c>--Data:Path=…</c>), see <see cref="ConfigurationArguments"/>.</param>
/// <param name="Console">Where the command reads and writes.</param>
internal sealed record CliContext(IReadOnlyList<string> Settings, CliConsole Console)
{
    /// <summary>
    /// Runs <paramref name="action"/> and turns an expected failure into <c>meurs: …</c> on stderr and exit code 1:
    /// a <see cref="CliException"/>, or the database, file system or network refusing (their own messages say why).
    /// Anything else is a bug and propagates with its stack trace.
    /// </summary>
    public async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is CliException or DbException or IOException or UnauthorizedAccessException or HttpRequestException)
        {
            await Console.Error.WriteLineAsync("meurs: " + ex.Message);
            return MeursCli.Failure;
        }
    }

    /// <summary>
    /// Opens the configured database with the web app's own services (migrated, not serving), runs
    /// <paramref name="action"/> in a scope of them, and closes it; failures as in <see cref="GuardAsync"/>.
    /// </summary>
    public Task<int> WithServicesAsync(Func<IServiceProvider, Task<int>> action) =>
        GuardAsync(async () =>
        {
            await using var host = OperatorHost.Open(Settings);
            return await host.RunAsync(action);
        });
}
