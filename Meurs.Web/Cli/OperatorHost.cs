using Meurs.Web.Data;
using Meurs.Web.Hosting;

namespace Meurs.Web.Cli;

/// <summary>
/// The web app's services without its server, for operator commands: built by the same <c>WebApplication</c> builder
/// and <see cref="MeursHosting.AddMeurs"/> as <c>meurs serve</c>, so the database, Identity rules and use cases are
/// exactly the server's, read from the same configuration (appsettings.json, <c>Data__Path</c>, <c>--Data:Path=…</c>).
/// Kestrel is never started and no hosted service runs.
/// </summary>
internal sealed class OperatorHost(WebApplication app) : IAsyncDisposable
{
    /// <summary>Builds the services with <paramref name="settings"/> as command-line configuration and applies pending migrations.</summary>
    public static OperatorHost Open(IReadOnlyList<string> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. settings] });
        // The console is the command's: EF Core and Identity log lines would mix into tables and token output.
        builder.Logging.ClearProviders();
        builder.AddMeurs();
        var app = builder.Build();
        // The same step the server takes at start: a fresh data folder works with a CLI command first.
        DatabaseInitializer.Initialize(app.Services);
        return new OperatorHost(app);
    }

    /// <summary>Runs <paramref name="action"/> with the services of a new scope (one database context, as one request has).</summary>
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => app.DisposeAsync();
}
