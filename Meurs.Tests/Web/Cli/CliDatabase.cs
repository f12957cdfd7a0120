using Meurs.Tests.Web.Support;
using Meurs.Web.Cli;

namespace Meurs.Tests.Web.Cli;

/// <summary>What one in-process run of the command line did.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    /// <summary>Stdout's lines, without the empty last one.</summary>
    public string[] Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Error}";
}

/// <summary>
/// A temporary data folder with its own SQLite file, as an operator's server would have, and the <c>meurs</c> command
/// line run in-process against it (with <c>--Data:Path=…</c>, the way an operator can pass it too). The CLI's console is
/// replaced by string readers and writers, never the process's, so runs in parallel tests do not mix.
/// </summary>
public sealed class CliDatabase : IDisposable
{
    public CliDatabase()
    {
        DataPath = Directory.CreateTempSubdirectory("meurs-cli-").FullName;
    }

    public string DataPath { get; }

    /// <summary>The database file the CLI creates in <see cref="DataPath"/>.</summary>
    public string DatabaseFile => Path.Combine(DataPath, "meurs.db");

    /// <summary>Runs <c>meurs <paramref name="args"/></c> on this database; <paramref name="input"/> is its stdin.</summary>
    public async Task<CliResult> RunAsync(string[] args, string input = "")
    {
        using var stdin = new StringReader(input);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var code = await MeursCli.RunAsync([.. args, $"--Data:Path={DataPath}"], new CliConsole(stdin, stdout, stderr), timeout.Token);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, "");

    /// <summary>Runs and checks it succeeded.</summary>
    public async Task<CliResult> RunOkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"meurs {string.Join(' ', args)}: {result}");
        return result;
    }

    /// <summary>Runs and checks it failed with exit code 1 and said something on stderr; returns stderr.</summary>
    public async Task<string> RunFailingAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 1, $"meurs {string.Join(' ', args)} should fail: {result}");
        Assert.False(string.IsNullOrWhiteSpace(result.Error), $"no message for meurs {string.Join(' ', args)}");
        return result.Error;
    }

    /// <summary>Creates an account through the CLI with <see cref="TestBrowser.DefaultPassword"/>; returns its name.</summary>
    public async Task<string> NewUserAsync(string prefix = "cli")
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..8];
        await RunOkAsync("users", "create", "--username", name, "--password", TestBrowser.DefaultPassword);
        return name;
    }

    /// <summary>The web app hosted on this same database file (as the running server of the operator's machine would be).</summary>
    public MeursFactory NewServer() =>
        MeursFactory.With(settings: new Dictionary<string, string?> { ["Data:ConnectionString"] = $"Data Source={DatabaseFile}" });

    public void Dispose()
    {
        // Pooled connections may still hold the file open; on Linux it is deleted all the same.
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
