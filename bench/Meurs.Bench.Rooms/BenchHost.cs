using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Meurs.Bench.Rooms;

/// <summary>
/// What every Meurs bench asks of its host: the repository root, the commit Meurs.Web was built from, the load average
/// and the machine. Shared by file link (bench/Meurs.Bench.Channels links this file).
/// </summary>
internal static class BenchHost
{
    /// <summary>The environment of every Meurs process: the shared data folder, no background jobs, limits lifted.</summary>
    public static Dictionary<string, string> MeursEnvironment(string data) => new()
    {
        ["Data__Path"] = data,
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        // No background jobs (idle-room sweeps, token clean-up) during the measurement.
        ["Jobs__Scheduling"] = "false",
        // Lifted so the limits (10 burst, 60/min per person, 20 rooms/hour) do not shape the load.
        ["Rooms__ChatBurst"] = "1000000",
        ["Rooms__ChatPerMinute"] = "100000000",
        ["Rooms__CreationsPerHour"] = "100000",
        // Setup signs many people up and in from one address, which the per-address sign-in limits would refuse.
        ["SignInLimits__LoginBurst"] = "1000000",
        ["SignInLimits__LoginsPerMinute"] = "1000000",
        ["SignInLimits__SignUpBurst"] = "1000000",
        ["SignInLimits__SignUpsPerHour"] = "1000000",
        // Lifted so the per-token API budget (600 requests/min) does not cap a bench's senders and writers.
        ["AccessTokens__RequestBurst"] = "1000000",
        ["AccessTokens__RequestsPerMinute"] = "100000000",
    };

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

    public static string LoadAverage() => string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>nproc, total memory, OS and runtime, for the report.</summary>
    public static string Machine()
    {
        var memTotal = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kib = memTotal is null ? 0 : long.Parse(memTotal["MemTotal:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        return $"{Environment.ProcessorCount} CPUs (nproc) · {cpu} · {kib / 1024.0 / 1024.0:F1} GiB RAM · {RuntimeInformation.OSDescription} · .NET {Environment.Version}";
    }
}
