namespace Meurs.Web.Cli;

/// <summary>
/// The standard streams a command reads and writes. Commands never touch <see cref="Console"/> directly, so tests can
/// run the CLI in-process with their own readers and writers while other tests run in parallel.
/// </summary>
/// <param name="In">Where <c>meurs connect</c> reads typed lines, and <c>--password -</c> its password.</param>
/// <param name="Out">Results: tables, ids, token secrets, room events.</param>
/// <param name="Error">Diagnostics and failures (<c>meurs: …</c>); never anything a script would parse.</param>
public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error)
{
    /// <summary>The process's own stdin, stdout and stderr.</summary>
    public static CliConsole Standard => new(Console.In, Console.Out, Console.Error);
}
