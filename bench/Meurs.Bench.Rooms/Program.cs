using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Meurs.Bench.Rooms;

/// <summary>
/// Room fan-out benchmark: Meurs (the Release build, as a child process) against a bare Kestrel broadcaster, at each
/// room size N, with the same clients and the same load. Prints a Markdown report on stdout; progress goes to stderr.
/// Everything is on 127.0.0.1, every phase has a time limit, and the whole run is cancelled after 30 minutes.
/// </summary>
internal static class Program
{
    private const int RegistrationParallelism = 8;
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(180);
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

        var root = BenchHost.FindRepositoryRoot();
        var meursDll = Path.Combine(root, "Meurs.Web", "bin", "Release", "net10.0", "meurs.dll");
        if (!File.Exists(meursDll))
        {
            await Console.Error.WriteLineAsync($"{meursDll} is missing: run `dotnet build -c Release Meurs.Web` first (bench/rooms/run.sh does).");
            return 2;
        }
        var benchDll = Assembly.GetExecutingAssembly().Location;
        // Each client socket is a descriptor here and one in the server (which inherits our limit). .NET raises the soft
        // limit to the hard one at start-up, so what is read here is what the processes get.
        var openFiles = OpenFilesLimit();
        var needed = options.Clients.Max() + 512;
        if (openFiles is { } limit && limit < needed)
        {
            await Console.Error.WriteLineAsync($"The open-files limit is {limit}, below the {needed} a room of {options.Clients.Max()} needs: raise it (ulimit -n {Math.Max(needed, 4096)}) and run again.");
            return 2;
        }

        using var overall = new CancellationTokenSource(OverallLimit);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            overall.Cancel();
        };
        var started = Stopwatch.GetTimestamp();
        var loadBefore = BenchHost.LoadAverage();
        var results = new List<RunResult>();
        var notes = new List<string>();
        // One data folder for the whole invocation: the users are registered (and their tokens issued) once, by a setup
        // process; every measured N then gets a fresh Meurs process on that folder, so nothing of the setup or of an
        // earlier N is in its memory or its thread pool.
        var data = Directory.CreateTempSubdirectory("meurs-bench-rooms-");
        try
        {
            var tokens = await RegisterUsersAsync(meursDll, root, data.FullName, options, notes, overall.Token);
            foreach (var n in options.Clients)
            {
                results.Add(await RunMeursAsync(meursDll, root, data.FullName, tokens, n, options, notes, overall.Token));
                results.Add(await RunFloorAsync(benchDll, root, n, options, overall.Token));
            }
        }
        catch (OperationCanceledException) when (overall.IsCancellationRequested)
        {
            notes.Add($"The run was cancelled (Ctrl+C or the {OverallLimit.TotalMinutes:F0}-minute limit); the figures below are the runs that finished.");
        }
        finally
        {
            TryDelete(data);
        }
        notes.Add($"Total run time: {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s. Load average (1, 5, 15 min) at the start: {loadBefore}; at the end: {BenchHost.LoadAverage()}. Anything else running on the machine competes with the servers and the clients for the same cores.");
        Console.WriteLine(Report.Markdown(options, results, notes, meursDll));
        return results.Count == options.Clients.Count * 2 ? 0 : 1;
    }

    /// <summary>How many Meurs users hold the sockets of a room of <paramref name="n"/>.</summary>
    private static int UsersFor(int n, BenchOptions options)
    {
        var perUser = options.SocketsPerUser(n);
        return (n + perUser - 1) / perUser;
    }

    /// <summary>
    /// Setup, not measured: a Meurs process registers and logs in as many users as the largest room needs, through the
    /// public API (POST /api/auth/register, /api/auth/login; PBKDF2 password hashing each), then stops. The bearer
    /// tokens stay valid for the later processes on the same data folder.
    /// </summary>
    private static async Task<string[]> RegisterUsersAsync(string dll, string root, string data, BenchOptions options, List<string> notes, CancellationToken cancellationToken)
    {
        var users = options.Clients.Max(n => UsersFor(n, options));
        await using var server = await ServerProcess.StartAsync("meurs", dll, ["--urls", "http://127.0.0.1:0"], BenchHost.MeursEnvironment(data), root, StartLimit);
        Progress($"setup: Meurs listening on {server.BaseAddress}; registering and logging in {users} users, {RegistrationParallelism} at a time");
        using var api = new MeursApi(server.BaseAddress, RegistrationParallelism);
        var cpuBefore = server.CpuTime();
        var (tokens, elapsed) = await api.RegisterAndLogInAsync(users, RegistrationParallelism, cancellationToken);
        var cpuPerUser = (server.CpuTime() - cpuBefore) / users;
        var line = $"Setup (not measured): registering and logging in {users} users took {elapsed.TotalSeconds:F1} s ({users / elapsed.TotalSeconds:F1} users/s, {RegistrationParallelism} in parallel), {cpuPerUser.TotalMilliseconds:F0} ms of server CPU per user (two PBKDF2 password hashes each); done once per invocation, in a separate Meurs process.";
        notes.Add(line);
        Progress(line);
        return tokens;
    }

    private static async Task<RunResult> RunMeursAsync(string dll, string root, string data, string[] userTokens, int n, BenchOptions options, List<string> notes, CancellationToken cancellationToken)
    {
        await using var server = await ServerProcess.StartAsync("meurs", dll, ["--urls", "http://127.0.0.1:0"], BenchHost.MeursEnvironment(data), root, StartLimit);
        // Socket i belongs to user i mod U: the first U sockets are U different people arriving (the senders are among
        // them); the rest are those people's extra tabs, which join without a join notice or a database write.
        var users = UsersFor(n, options);
        var tokens = Enumerable.Range(0, n).Select(i => userTokens[i % users]).ToArray();
        using var api = new MeursApi(server.BaseAddress, RegistrationParallelism);
        var room = await api.CreateRoomAsync(tokens[0], cancellationToken);
        Progress($"meurs N={n}: listening on {server.BaseAddress}; room {room} created by {MeursApi.UserName(0)}; {users} users");
        var socket = new Uri($"ws://{server.BaseAddress.Authority}/ws/comuni/{room}");
        var result = await Scenario.RunAsync("Meurs", server, n, socket, tokens, expectsHistory: true, options, Progress, cancellationToken) with { Users = users };
        if (server.Warnings > 0)
        {
            notes.Add($"Meurs N={n}: the server logged {server.Warnings} warnings or errors: {string.Join(" ", server.FirstWarnings)}");
        }
        Progress(Report.Line(result));
        return result;
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

    /// <summary>This process's soft limit on open files (Max open files in /proc/self/limits); null when unknown or unlimited.</summary>
    private static long? OpenFilesLimit()
    {
        var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
