using System.CommandLine;
using Meurs.Web.Hosting;

namespace Meurs.Web.Cli;

/// <summary>
/// <c>meurs serve [--urls URL] […]</c>, and plain <c>meurs […]</c>: runs the web app. Every argument the command line
/// does not define (<c>--environment</c>, <c>--Rooms:HistoryLength=50</c>, …) is handed to the host's configuration,
/// as it was before the command line existed.
/// </summary>
internal static class ServeCommand
{
    /// <summary>Makes serving the root command's action and adds the <c>serve</c> verb.</summary>
    /// <param name="root">The root command.</param>
    /// <param name="context">The invocation's settings and console.</param>
    /// <param name="args">The arguments left after configuration overrides were taken out (to tell a mistyped verb from host arguments).</param>
    public static void AddTo(RootCommand root, CliContext context, IReadOnlyList<string> args)
    {
        var rootUrls = UrlsOption();
        root.Add(rootUrls);
        root.SetAction(async parse =>
        {
            // Without this, `meurs usres list` would quietly start a server with "usres list" as host arguments.
            if (args.Count > 0 && LooksLikeVerb(args[0]))
            {
                await context.Console.Error.WriteLineAsync($"meurs: unknown command '{args[0]}'. Run 'meurs --help' for the commands.");
                return MeursCli.Failure;
            }
            return await ServeAsync(HostArguments(parse, rootUrls, context));
        });

        var urls = UrlsOption();
        var serve = new Command("serve", "Run the web app (what 'meurs' with no command does). Other arguments go to the host: --environment, --Section:Key=value…")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        serve.Add(urls);
        serve.SetAction(parse => ServeAsync(HostArguments(parse, urls, context)));
        root.Add(serve);
    }

    /// <summary>Builds and runs the web app until it is stopped (Ctrl+C, SIGTERM); returns 0 after a clean stop.</summary>
    public static async Task<int> ServeAsync(string[] args)
    {
        // WebApplicationFactory<Program> and `dotnet ef` intercept this builder (they listen for the host being built in
        // the entry point's thread), so serving must build it here, in the same process, exactly like this.
        var builder = WebApplication.CreateBuilder(args);
        builder.AddMeurs();
        var app = builder.Build();
        app.MapMeurs();
        await app.RunAsync();
        return 0;
    }

    private static Option<string?> UrlsOption() => new("--urls")
    {
        Description = "Where to listen, e.g. http://0.0.0.0:8080 (several separated by ';'). Default http://localhost:5000.",
        HelpName = "URL",
    };

    private static string[] HostArguments(ParseResult parse, Option<string?> urls, CliContext context)
    {
        var args = new List<string>(context.Settings);
        if (parse.GetValue(urls) is { } value)
        {
            args.Add("--urls");
            args.Add(value);
        }
        args.AddRange(parse.UnmatchedTokens);
        return [.. args];
    }

    // Host arguments are --key value, /key value or key=value; a bare word first is a command that does not exist.
    private static bool LooksLikeVerb(string arg) =>
        !arg.StartsWith('-') && !arg.StartsWith('/') && !arg.Contains('=', StringComparison.Ordinal);
}
