using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Meurs.E2E;

/// <summary>
/// The real Meurs app as a separate process (the built meurs.dll) on a free loopback port with its own temporary data
/// folder, started from the repository root so wwwroot/ and media/ are the real ones. Can be restarted on the same data.
/// </summary>
public sealed partial class MeursServer : IAsyncDisposable
{
    private Process? process;

    public MeursServer()
    {
        RepositoryRoot = FindRepositoryRoot();
        DataPath = Directory.CreateTempSubdirectory("meurs-e2e-").FullName;
    }

    public string RepositoryRoot { get; }

    /// <summary>Extra environment for the server process (configuration as <c>Section__Key</c>), set before <see cref="StartAsync"/>.</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public string DataPath { get; }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>What the server printed (stdout and stderr), for failure messages.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Log { get; } = new();

    /// <summary>The built app (Meurs.Web/bin/&lt;Configuration&gt;/net10.0/meurs.dll): the server, and the CLI too.</summary>
    public string AppPath
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0
            var dll = Path.Combine(RepositoryRoot, "Meurs.Web", "bin", configuration, "net10.0", "meurs.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("Build Meurs.Web first (dotnet build Meurs.sln).", dll);
        }
    }

    /// <summary>Makes <paramref name="username"/> an administrator with <c>meurs users grant-admin</c> on this server's data, as an operator does.</summary>
    public async Task GrantAdminAsync(string username)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { AppPath, "users", "grant-admin", username, $"--Data:Path={DataPath}" })
        {
            start.ArgumentList.Add(arg);
        }
        using var cli = Process.Start(start) ?? throw new InvalidOperationException("could not start meurs");
        var output = cli.StandardOutput.ReadToEndAsync();
        var error = cli.StandardError.ReadToEndAsync();
        // A cold start of the CLI on a busy machine can take a while; the patience only turns a hang into a failure.
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await cli.WaitForExitAsync(patience.Token);
        Assert.True(cli.ExitCode == 0, $"meurs users grant-admin {username}: exit {cli.ExitCode}\n{await output}{await error}");
    }

    public async Task StartAsync()
    {
        var dll = AppPath;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        // Port 0: the OS picks a free port, which Kestrel reports on its "Now listening on" line.
        start.ArgumentList.Add(BaseAddress.Port is 80 ? "http://127.0.0.1:0" : BaseAddress.ToString().TrimEnd('/'));
        start.Environment["Data__Path"] = DataPath;
        start.Environment["Rooms__LeaveGracePeriod"] = "00:00:01";
        // No background job fires by itself while a test drives the app (as in the integration tests' MeursFactory).
        start.Environment["Jobs__Scheduling"] = "false";
        // Media only on loopback, as every test's traffic (DESIGN.md §6).
        start.Environment["Media__ListenAddress"] = "127.0.0.1";
        // Every person of a test comes from 127.0.0.1: the per-address sign-in limits would refuse a busy test's people.
        start.Environment["SignInLimits__LoginBurst"] = "10000";
        start.Environment["SignInLimits__SignUpBurst"] = "10000";
        foreach (var (key, value) in Environment)
        {
            start.Environment[key] = value;
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        process = Process.Start(start) ?? throw new InvalidOperationException("could not start meurs");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = Log;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            log.Enqueue(e.Data);
            if (ListeningLine().Match(e.Data) is { Success: true } m)
            {
                listening.TrySetResult(new Uri(m.Groups[1].Value + "/"));
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.Enqueue(e.Data); } };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("meurs exited early:\n" + string.Join('\n', log)));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        BaseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
        process = null;
    }

    /// <summary>Stops and starts again on the same port and data folder.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Meurs.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Meurs.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
