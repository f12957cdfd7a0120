using System.CommandLine;
using System.Globalization;
using Meurs.Web.Features.Library;

namespace Meurs.Web.Cli;

/// <summary>
/// <c>meurs library scan</c>: indexes the configured library folder (<c>Library:Path</c>) into the configured database
/// now, as the server does at start-up and in the background, and prints what it did and how long it took. Only new or
/// changed files are read, so running it twice shows the cost of a rescan.
/// </summary>
internal static class LibraryCommands
{
    /// <summary>The <c>library</c> command group.</summary>
    public static Command Create(CliContext context)
    {
        var library = new Command("library", "Index the media library.");
        var scan = new Command("scan", "Index new and changed files of the library folder, drop deleted ones, and print the counts and time.");
        scan.SetAction(parse => context.WithServicesAsync(async services =>
        {
            var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LibraryOptions>>().Value;
            var report = await services.GetRequiredService<LibraryScan>().RunAsync(CancellationToken.None);
            var c = CultureInfo.InvariantCulture;
            await context.Console.Out.WriteLineAsync(string.Create(c,
                $"{services.GetRequiredService<LibraryScan>().Root}: {report.Added} added, {report.Updated} updated, {report.Removed} removed, {report.Unchanged} unchanged in {report.Elapsed.TotalSeconds:0.000} s (Library:Path={options.Path})"));
            return 0;
        }));
        library.Add(scan);
        return library;
    }
}
