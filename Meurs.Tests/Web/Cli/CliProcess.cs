using System.Diagnostics;
using Meurs.Tests.Web.Support;

namespace Meurs.Tests.Web.Cli;

/// <summary>
/// The built <c>meurs</c> (Meurs.Web/bin/&lt;Configuration&gt;/net10.0/meurs.dll) as a separate process with stdin piped:
/// how a person runs <c>meurs connect</c>. Stdout lines are collected as they come; every wait is bounded by
/// <see cref="Patience"/>, which only turns a hang into a failure.
/// </summary>
public sealed class CliProcess : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly Process process;
    private readonly List<string> lines = [];
    private readonly List<string> errors = [];
    private readonly SemaphoreSlim changed = new(0);

    private CliProcess(Process process) => this.process = process;

    /// <summary>The path of the built app.</summary>
    public static string AppPath
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
            var dll = Path.Combine(MeursFactory.RepoRoot, "Meurs.Web", "bin", configuration, "net10.0", "meurs.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build Meurs.Web first (dotnet build Meurs.sln).", dll);
        }
    }

    /// <summary>Stdout so far, one entry per line.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    /// <summary>Stderr so far.</summary>
    public string Errors
    {
        get
        {
            lock (errors)
            {
                return string.Join('\n', errors);
            }
        }
    }

    /// <summary>Starts <c>dotnet meurs.dll <paramref name="args"/></c> in a temporary folder, without <c>MEURS_TOKEN</c> from the test's environment.</summary>
    public static CliProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>As <see cref="Start(string[])"/>, with <paramref name="environment"/> added to the process's environment.</summary>
    public static CliProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AppPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("MEURS_TOKEN");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start meurs");
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => cli.Collect(cli.lines, e.Data);
        process.ErrorDataReceived += (_, e) => cli.Collect(cli.errors, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Types a line.</summary>
    public async Task TypeAsync(string line)
    {
        await process.StandardInput.WriteLineAsync(line);
        await process.StandardInput.FlushAsync();
    }

    /// <summary>Closes stdin (end of input, as Ctrl+D).</summary>
    public void CloseInput() => process.StandardInput.Close();

    /// <summary>Waits for a stdout line matching <paramref name="predicate"/> and returns it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> predicate, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            if (Lines.FirstOrDefault(predicate) is { } line)
            {
                return line;
            }
            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"no line with {what} within {Patience.TotalSeconds} s.\n--- stdout\n{string.Join('\n', Lines)}\n--- stderr\n{Errors}");
            }
        }
    }


    /// <summary>Waits for a stdout line containing <paramref name="text"/>.</summary>
    public Task<string> WaitForLineAsync(string text) => WaitForLineAsync(l => l.Contains(text, StringComparison.Ordinal), $"'{text}'");

    /// <summary>Waits for the process to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"meurs did not exit within {Patience.TotalSeconds} s.\n--- stdout\n{string.Join('\n', Lines)}\n--- stderr\n{Errors}");
        }
        // The exit is known before the last output events have run: WaitForExit() without a timeout waits for them.
        process.WaitForExit();
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        changed.Dispose();
    }

    private void Collect(List<string> into, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (into)
        {
            into.Add(line);
        }
        changed.Release();
    }
}
