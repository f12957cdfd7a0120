using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Meurs.Bench.Sfu;

/// <summary>
/// A server under test as a child process (Meurs: <c>dotnet meurs.dll</c> on port 0, the port read from its
/// "Now listening on: http://127.0.0.1:…" line; janus: the native binary, ready at its "transport plugin initialized"
/// line), with a way to read its CPU time from /proc. Killed, with its whole tree, when disposed.
/// (Adapted from bench/Meurs.Bench.Rooms.)
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private const int LogTail = 200;
    private readonly Process process;
    private readonly ConcurrentQueue<string> log = new();
    private readonly ConcurrentQueue<string> firstWarnings = new();
    private int warnings;
    private bool captureNext;

    private ServerProcess(Process process, string name)
    {
        this.process = process;
        Name = name;
    }

    public string Name { get; }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public int Pid => process.Id;

    /// <summary>Log lines at warning level or above.</summary>
    public int Warnings => Volatile.Read(ref warnings);

    public IEnumerable<string> Tail => log;

    /// <summary>The first few warnings or errors with their message line.</summary>
    public IEnumerable<string> FirstWarnings => firstWarnings;

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/> and waits (at most <paramref name="timeout"/>)
    /// for a line matching <paramref name="ready"/>; its group 1, when there is one, is the base address.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory, TimeSpan timeout, Regex? ready = null, Uri? baseAddress = null)
    {
        ready ??= ListeningLine();
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
        var server = new ServerProcess(process, name);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            server.Remember(e.Data);
            if (ready.Match(e.Data) is { Success: true } m)
            {
                listening.TrySetResult(m.Groups.Count > 1 ? new Uri(m.Groups[1].Value + "/") : baseAddress ?? new Uri("http://127.0.0.1/"));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                server.Remember(e.Data);
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"{name} exited early:\n" + string.Join('\n', server.log)));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            server.BaseAddress = await listening.Task.WaitAsync(timeout);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>VmRSS of the process in KiB, from /proc/&lt;pid&gt;/status.</summary>
    public long RssKiB() => ReadRssKiB(process.Id);

    /// <summary>User plus system CPU time the process has used so far, from /proc/&lt;pid&gt;/stat.</summary>
    public TimeSpan CpuTime() => ReadCpuTime(process.Id);

    public static long ReadRssKiB(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmRSS:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
            }
        }
        throw new InvalidOperationException($"no VmRSS for process {pid}");
    }

    public static TimeSpan ReadCpuTime(int pid)
    {
        // Fields after the command name (which is in parentheses and may hold spaces): state is field 3, utime 14, stime 15.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    // USER_HZ is 100 on every Linux architecture .NET runs on.
    private const int ClockTicksPerSecond = 100;

    private void Remember(string line)
    {
        // Console logger: "warn:", "fail:", "crit:"; janus: "[WARN]", "[ERR]", "[FATAL]".
        if (line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal)
            || (line.Contains("[WARN]", StringComparison.Ordinal) && !ExpectedJanusWarning(line)) || line.Contains("[ERR]", StringComparison.Ordinal) || line.Contains("[FATAL]", StringComparison.Ordinal))
        {
            if (Interlocked.Increment(ref warnings) <= 5)
            {
                captureNext = !line.Contains("[WARN]", StringComparison.Ordinal) && !line.Contains("[ERR]", StringComparison.Ordinal) && !line.Contains("[FATAL]", StringComparison.Ordinal);
                firstWarnings.Enqueue(line);
            }
        }
        else if (captureNext)
        {
            // The console logger puts the message on the line after "warn: Category[id]".
            captureNext = false;
            firstWarnings.Enqueue(line.Trim());
        }
        log.Enqueue(line);
        while (log.Count > LogTail && log.TryDequeue(out _))
        {
        }
    }

    // Janus warns that mDNS is off (our configuration) and, per stream, when a publisher sent nothing for a second:
    // the bench's idle phase after the load does exactly that.
    private static bool ExpectedJanusWarning(string line) =>
        line.Contains("mDNS resolution disabled", StringComparison.Ordinal) || line.Contains("Didn't receive", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or not stoppable: nothing more to do from here.
        }
        process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
