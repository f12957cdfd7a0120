using System.Diagnostics;

namespace Meurs.E2E;

/// <summary>
/// <c>meurs connect</c> run as a person runs it: the built meurs.dll as a process, stdin piped for typing, stdout
/// collected line by line. Every wait is bounded so a hang becomes a failure that shows what was printed.
/// </summary>
public sealed class Terminal : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly Process process;
    private readonly List<string> lines = [];
    private readonly SemaphoreSlim changed = new(0);

    private Terminal(Process process) => this.process = process;

    /// <summary>Starts <c>dotnet meurs.dll <paramref name="args"/></c> from a temporary folder, as an installed client would run.</summary>
    public static Terminal Start(string appPath, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(appPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("MEURS_TOKEN");
        var terminal = new Terminal(Process.Start(start) ?? throw new InvalidOperationException("could not start meurs"));
        terminal.process.OutputDataReceived += (_, e) => terminal.Add(e.Data);
        terminal.process.ErrorDataReceived += (_, e) => terminal.Add(e.Data is null ? null : "stderr: " + e.Data);
        terminal.process.BeginOutputReadLine();
        terminal.process.BeginErrorReadLine();
        return terminal;
    }

    /// <summary>Types a line and presses Enter.</summary>
    public async Task TypeAsync(string line)
    {
        await process.StandardInput.WriteLineAsync(line);
        await process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for a printed line matching <paramref name="match"/> and returns it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string what)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            lock (lines)
            {
                if (lines.FirstOrDefault(match) is { } found)
                {
                    return found;
                }
            }
            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                lock (lines)
                {
                    throw new TimeoutException($"The terminal never printed {what}. It printed:\n{string.Join('\n', lines)}");
                }
            }
        }
    }

    /// <summary>Waits for the program to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        await process.WaitForExitAsync().WaitAsync(Patience);
        return process.ExitCode;
    }

    /// <inheritdoc />
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

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (lines)
        {
            lines.Add(line);
        }
        changed.Release();
    }
}
