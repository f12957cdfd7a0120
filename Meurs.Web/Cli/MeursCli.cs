using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Meurs.Web.Cli;

/// <summary>
/// The <c>meurs</c> command line (System.CommandLine 2.0): <c>serve</c> (also what runs with no command),
/// the operator verbs <c>users</c>, <c>tokens</c> and <c>rooms</c> on the configured database, <c>connect</c>,
/// a terminal client of a room, and <c>health</c>, a running server's health check. Exit codes: 0 success, 1 failure (with a <c>meurs: …</c> line on stderr or, for
/// bad usage, System.CommandLine's own message).
/// </summary>
public static class MeursCli
{
    /// <summary>The exit code of every failure.</summary>
    public const int Failure = 1;

    /// <summary>Runs the command line <paramref name="args"/> on the process's console.</summary>
    public static Task<int> RunAsync(string[] args) => RunAsync(args, CliConsole.Standard, CancellationToken.None);

    /// <summary>
    /// Runs the command line <paramref name="args"/> with <paramref name="console"/> as its streams and returns the exit
    /// code. Configuration overrides (<c>--Section:Key=value</c>) may appear anywhere and apply to every command.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var (settings, rest) = ConfigurationArguments.Split(args);
        var context = new CliContext(settings, console);
        var root = new RootCommand("Meurs: a self-hosted place for a community to talk, listen and watch together.")
        {
            // `meurs --urls …` is `meurs serve --urls …`: whatever System.CommandLine does not know goes to the web host.
            TreatUnmatchedTokensAsErrors = false,
        };
        ServeCommand.AddTo(root, context, rest);
        root.Add(UsersCommands.Create(context));
        root.Add(TokensCommands.Create(context));
        root.Add(RoomsCommands.Create(context));
        root.Add(LibraryCommands.Create(context));
        root.Add(ConnectCommand.Create(context));
        root.Add(HealthCommand.Create(context));

        // Response files (@file) are off: an argument starting with '@' is a value (a password, a setting), not a file to expand.
        var parsed = root.Parse(rest, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Action is ParseErrorAction errors)
        {
            // The error and a pointer to the help, on stderr; the whole help on stdout would bury the one line that matters.
            errors.ShowHelp = false;
        }
        var exitCode = await parsed.InvokeAsync(
            new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                // Exceptions must leave the entry point unchanged: the host's own fatal errors, and the HostAbortedException
                // that `dotnet ef` and WebApplicationFactory use to stop it once built.
                EnableDefaultExceptionHandler = false,
                // The web host handles Ctrl+C and SIGTERM itself (graceful shutdown); a second handler would race it.
                ProcessTerminationTimeout = null,
            },
            cancellationToken);
        if (parsed.Action is ParseErrorAction)
        {
            await console.Error.WriteLineAsync($"Run '{CommandPath(parsed.CommandResult)} --help' for usage.");
        }
        return exitCode;
    }

    // "meurs users create" for the command that was being parsed.
    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is not null; result = result.Parent)
        {
            if (result is CommandResult { Command: var c })
            {
                names.Add(c is RootCommand ? "meurs" : c.Name);
            }
        }
        names.Reverse();
        return string.Join(' ', names);
    }
}
