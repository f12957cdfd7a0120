using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Meurs.Bench.Rooms;

/// <summary>
/// Room fan-out benchmark: Meurs (the Release build, as a child process) against a bare Kestrel broadcaster, at each
/// room size N, with the same clients and the same load. Prints a Markdown report on stdout; progress goes to stderr.
/// Everything is on 127.0.0.1, every phase has a time limit, and the whole run is cancelled after 30 minutes.
/// </summary>
internal static class Program
{
    private const int RegistrationParallelism = 8;
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan OverallLimit = TimeSpan.FromMinutes(30);

    public static async Task<int> Main(string[] args)
    {
        if (args is [FloorServer.Flag])
        {
            return await FloorServer.RunAsync(OverallLimit);
        }
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
        if (!File.Exists(meursDll))
        {
            await Console.Error.WriteLineAsync($"{meursDll} is missing: run `dotnet build -c Release Meurs.Web` first (bench/rooms/run.sh does).");
            return 2;
        }
        var benchDll = Assembly.GetExecutingAssembly().Location;

        using var overall = new CancellationTokenSource(OverallLimit);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            overall.Cancel();
        };
        var started = Stopwatch.GetTimestamp();
        var loadBefore = LoadAverage();
        var results = new List<RunResult>();
        var notes = new List<string>();
        try
        {
            foreach (var n in options.Clients)
            {
                results.Add(await RunMeursAsync(meursDll, root, n, options, notes, overall.Token));
                results.Add(await RunFloorAsync(benchDll, root, n, options, overall.Token));
            }
        }
        catch (OperationCanceledException) when (overall.IsCancellationRequested)
        {
            notes.Add($"The run was cancelled (Ctrl+C or the {OverallLimit.TotalMinutes:F0}-minute limit); the figures below are the runs that finished.");
        }
        notes.Add($"Total run time: {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s. Load average (1, 5, 15 min) at the start: {loadBefore}; at the end: {LoadAverage()}. Anything else running on the machine competes with the servers and the clients for the same cores.");
        Console.WriteLine(Report.Markdown(options, results, notes, meursDll));
        return results.Count == options.Clients.Count * 2 ? 0 : 1;
    }

    private static async Task<RunResult> RunMeursAsync(string dll, string root, int n, BenchOptions options, List<string> notes, CancellationToken cancellationToken)
    {
        var data = Directory.CreateTempSubdirectory("meurs-bench-rooms-");
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["Data__Path"] = data.FullName,
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                // Lifted so the limits (10 burst, 60/min per person, 20 rooms/hour) do not shape the load.
                ["Rooms__ChatBurst"] = "1000000",
                ["Rooms__ChatPerMinute"] = "100000000",
                ["Rooms__CreationsPerHour"] = "100000",
            };
            await using var server = await ServerProcess.StartAsync("meurs", dll, ["--urls", "http://127.0.0.1:0"], environment, root, StartLimit);
            var users = options.UsersFor(n);
            Progress($"meurs N={n}: listening on {server.BaseAddress}; registering and logging in {users} users, {RegistrationParallelism} at a time");
            using var api = new MeursApi(server.BaseAddress, RegistrationParallelism);
            var cpuBefore = server.CpuTime();
            var (userTokens, elapsed) = await api.RegisterAndLogInAsync(users, RegistrationParallelism, cancellationToken);
            var cpuPerUser = (server.CpuTime() - cpuBefore) / users;
            notes.Add($"Meurs N={n}: registering and logging in {users} users took {elapsed.TotalSeconds:F1} s ({users / elapsed.TotalSeconds:F1} users/s, {RegistrationParallelism} in parallel), {cpuPerUser.TotalMilliseconds:F0} ms of server CPU per user.");
            var tokens = Enumerable.Range(0, n).Select(i => userTokens[i / options.SocketsPerUser]).ToArray();
            var room = await api.CreateRoomAsync(tokens[0], cancellationToken);
            Progress($"meurs N={n}: users ready in {elapsed.TotalSeconds:F1} s; room {room} created by {MeursApi.UserName(0)}");
            var socket = new Uri($"ws://{server.BaseAddress.Authority}/ws/comuni/{room}");
            var result = await Scenario.RunAsync("Meurs", server, n, socket, tokens, expectsHistory: true, options, Progress, cancellationToken) with { Users = users };
            if (server.Warnings > 0)
            {
                notes.Add($"Meurs N={n}: the server logged {server.Warnings} warnings or errors (Data Protection's unencrypted-key notice on a fresh data folder is expected): {string.Join(" ", server.FirstWarnings)}");
            }
            Progress(Report.Line(result));
            return result;
        }
        finally
        {
            TryDelete(data);
        }
    }

    private static async Task<RunResult> RunFloorAsync(string benchDll, string root, int n, BenchOptions options, CancellationToken cancellationToken)
    {
        await using var server = await ServerProcess.StartAsync("floor", benchDll, [FloorServer.Flag], new Dictionary<string, string>(), root, StartLimit);
        Progress($"floor N={n}: listening on {server.BaseAddress}");
        var socket = new Uri($"ws://{server.BaseAddress.Authority}/ws");
        var result = await Scenario.RunAsync("floor", server, n, socket, tokens: null, expectsHistory: false, options, Progress, cancellationToken);
        Progress(Report.Line(result));
        return result;
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

    private static string FindRepositoryRoot()
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
