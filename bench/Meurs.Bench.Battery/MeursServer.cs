using System.Globalization;
using Meurs.Bench.Rooms;

namespace Meurs.Bench.Battery;

/// <summary>Where the Release build of Meurs is, and how the batteries start it.</summary>
internal static class MeursServer
{
    public static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    public static string Root { get; } = FindRepositoryRoot();

    public static string Dll { get; } = Path.Combine(Root, "Meurs.Web", "bin", "Release", "net10.0", "meurs.dll");

    /// <summary>
    /// The environment of every Meurs process: the data folder, production settings, no background jobs (no idle-room
    /// sweep) and the owner-away clear pushed out of reach, so that history changes only by what the battery sends; the
    /// chat and room-creation limits lifted so they do not shape the load.
    /// </summary>
    public static Dictionary<string, string> Environment(string data) => new()
    {
        ["Data__Path"] = data,
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Jobs__Scheduling"] = "false",
        ["Library__ScanOnStart"] = "false",
        ["Rooms__OwnerAwayGracePeriod"] = "1.00:00:00",
        ["Rooms__ChatBurst"] = "1000000",
        ["Rooms__ChatPerMinute"] = "100000000",
        ["Rooms__CreationsPerHour"] = "100000",
        ["AccessTokens__RequestBurst"] = "1000000",
        ["AccessTokens__RequestsPerMinute"] = "100000000",        // Setup signs many people up and in from one address, which the per-address sign-in limits would refuse.
        ["SignInLimits__LoginBurst"] = "1000000",
        ["SignInLimits__LoginsPerMinute"] = "1000000",
        ["SignInLimits__SignUpBurst"] = "1000000",
        ["SignInLimits__SignUpsPerHour"] = "1000000",
    };

    public static Task<ServerProcess> StartAsync(string data, int port) =>
        ServerProcess.StartAsync("meurs", Dll, ["--urls", string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")], Environment(data), Root, StartLimit);

    public static Uri RoomSocket(ServerProcess server, string room, long? after = null) =>
        new($"ws://{server.BaseAddress.Authority}/ws/comuni/{room}" + (after is { } seq ? string.Create(CultureInfo.InvariantCulture, $"?after={seq}") : ""));

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

    public static void Progress(string line) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {line}");

    public static string LoadAverage() => string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
