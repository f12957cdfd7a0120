using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Meurs.Media.Dtls;

namespace Meurs.Bench.Sfu;

/// <summary>
/// SFU benchmark: the same bots and the same synthetic RTP through Meurs (the Release build of Meurs.Web, as a child
/// process, driven through its call signalling) and through Debian's janus (videoroom plugin, HTTP API), one fresh
/// server process per scenario. Prints a Markdown report on stdout; progress goes to stderr. Everything is on
/// 127.0.0.1, every phase has a time limit, and the whole run is cancelled after 30 minutes.
/// </summary>
internal static class Program
{
    private static readonly TimeSpan OverallLimit = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan ConnectLimit = TimeSpan.FromSeconds(60);

    public static async Task<int> Main(string[] args)
    {
        var options = BenchOptions.Parse(args, out var error);
        if (options is null)
        {
            if (!string.IsNullOrEmpty(error))
            {
                await Console.Error.WriteLineAsync(error);
            }
            await Console.Error.WriteLineAsync(BenchOptions.Usage);
            return string.IsNullOrEmpty(error) ? 0 : 2;
        }
        var root = FindRepositoryRoot();
        var meursDll = Path.Combine(root, "Meurs.Web", "bin", "Release", "net10.0", "meurs.dll");
        var runMeurs = options.Sfus.Contains("meurs");
        var runJanus = options.Sfus.Contains("janus");
        if (runMeurs && !File.Exists(meursDll))
        {
            await Console.Error.WriteLineAsync($"{meursDll} is missing: run `dotnet build -c Release Meurs.Web` first (bench/sfu/run.sh does).");
            return 2;
        }
        if (runJanus && !File.Exists(options.Janus))
        {
            await Console.Error.WriteLineAsync($"{options.Janus} is missing: `apt-get install -y janus` (Debian's 1.1.2), or run with --sfu meurs.");
            return 2;
        }

        using var overall = new CancellationTokenSource(OverallLimit);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            overall.Cancel();
        };
        var started = Stopwatch.GetTimestamp();
        var loadBefore = LoadAverage();
        var results = new List<Result>();
        var notes = new List<string>();
        var specs = options.Subscribers.SelectMany(n => options.Kinds.Select(k => new ScenarioSpec(k, k == "video" ? 1 : options.AudioPublishers, n))).ToList();
        using var certificate = DtlsCertificate.Create();
        var data = Directory.CreateTempSubdirectory("meurs-bench-sfu-");
        try
        {
            string[] tokens = [];
            if (runMeurs)
            {
                var users = specs.Max(s => s.Publishers + s.Subscribers);
                Progress($"setup: registering and logging in {users} Meurs users");
                var setup = Stopwatch.GetTimestamp();
                tokens = await MeursSfu.RegisterAsync(meursDll, root, data.FullName, users, overall.Token);
                notes.Add($"Setup (not measured): {users} Meurs accounts registered and logged in in {Stopwatch.GetElapsedTime(setup).TotalSeconds:F0} s.");
            }
            foreach (var spec in specs)
            {
                if (runMeurs)
                {
                    await RunAsync("Meurs", spec, results, notes, async () => await MeursSfu.StartAsync(meursDll, root, data.FullName),
                        server => MeursSfu.ConnectAsync(server, tokens, spec, certificate, overall.Token), options, overall.Token);
                }
                if (runJanus)
                {
                    var folder = Directory.CreateTempSubdirectory("meurs-bench-janus-");
                    try
                    {
                        await RunAsync("Janus", spec, results, notes, () => JanusSfu.StartAsync(options.Janus, options.JanusLibraries, folder),
                            server => JanusSfu.ConnectAsync(server, spec, certificate, overall.Token), options, overall.Token);
                    }
                    finally
                    {
                        TryDelete(folder);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (overall.IsCancellationRequested)
        {
            notes.Add($"The run was cancelled (Ctrl+C or the {OverallLimit.TotalMinutes:F0}-minute limit); the figures above are the runs that finished.");
        }
        finally
        {
            TryDelete(data);
        }
        notes.Add($"Total run time: {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s. Load average (1, 5, 15 min) at the start: {loadBefore}; at the end: {LoadAverage()}. The SFU, the bots (one process) and anything else running share the same cores.");
        Console.WriteLine(Report.Markdown(options, results, notes, runJanus ? JanusSfu.Version(options.Janus) : "no Janus"));
        return results.Count == specs.Count * options.Sfus.Count ? 0 : 1;
    }

    private static async Task RunAsync(string sfu, ScenarioSpec spec, List<Result> results, List<string> notes,
        Func<Task<ServerProcess>> start, Func<ServerProcess, Task<Participants>> connect, BenchOptions options, CancellationToken cancellationToken)
    {
        Progress($"{sfu} {spec.Label}: starting");
        ServerProcess? started = null;
        try
        {
            await using var server = started = await start();
            var connecting = Stopwatch.GetTimestamp();
            await using var participants = await connect(server);
            await participants.WaitConnectedAsync(ConnectLimit, cancellationToken);
            Progress($"{sfu} {spec.Label}: {spec.Publishers + spec.Subscribers} bots connected in {Stopwatch.GetElapsedTime(connecting).TotalSeconds:F1} s; loading");
            var result = await Measurement.RunAsync(sfu, server, participants, spec, options, cancellationToken);
            results.Add(result);
            Progress(Report.Summary(result));
            if (server.Warnings > 0)
            {
                notes.Add($"{sfu} {spec.Label}: the server logged {server.Warnings} warnings or errors, first: {string.Join(" ", server.FirstWarnings)}");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var line = $"{sfu} {spec.Label} failed: {ex.GetType().Name}: {ex.Message}";
            if (started is { Warnings: > 0 })
            {
                line += $" (the server logged {started.Warnings} warnings or errors, first: {string.Join(" ", started.FirstWarnings)})";
            }
            notes.Add(line);
            Progress(line + "\n" + ex.StackTrace);
            if (Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1" && started is not null)
            {
                Progress($"last lines of {sfu}'s log:\n" + string.Join('\n', started.Tail.TakeLast(40)));
            }
        }
    }

    private static void Progress(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

    private static void TryDelete(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    public static string FindRepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Meurs.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("Meurs.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The commit Meurs.Web was built from, as far as git can tell (the bench cannot know which edits the build saw).</summary>
    public static string SourceVersion()
    {
        var root = FindRepositoryRoot();
        var commit = Git(root, "rev-parse", "--short", "HEAD");
        if (commit is null)
        {
            return "an unknown commit (git unavailable)";
        }
        var changes = Git(root, "status", "--porcelain", "--", "Meurs.Web", "Meurs.Media");
        return string.IsNullOrWhiteSpace(changes) ? $"commit {commit}" : $"commit {commit} with uncommitted changes in Meurs.Web or Meurs.Media";
    }

    private static string? Git(string root, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("-C");
            start.ArgumentList.Add(root);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }
            var output = git.StandardOutput.ReadToEnd();
            return git.WaitForExit(10_000) && git.ExitCode == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string LoadAverage() => string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>nproc, total memory, OS and runtime, for the report.</summary>
    public static string Machine()
    {
        var memTotal = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kib = memTotal is null ? 0 : long.Parse(memTotal["MemTotal:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        return $"{Environment.ProcessorCount} CPUs (nproc) · {cpu} · {kib / 1024.0 / 1024.0:F1} GiB RAM · {RuntimeInformation.OSDescription} · .NET {Environment.Version}";
    }
}
