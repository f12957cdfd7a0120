using Meurs.Media.Dtls;

namespace Meurs.Bench.Sfu;

/// <summary>
/// Meurs as the SFU under test: the Release build of Meurs.Web (<c>dotnet meurs.dll</c>) as a child process on a
/// loopback HTTP port and a loopback media port, driven end to end through its call signalling: every bot is a
/// registered user, a member of the room, and a participant of its call on <c>/ws/voice/{room}</c>.
/// </summary>
internal static class MeursSfu
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);

    /// <summary>The environment of every Meurs process: the shared data folder, loopback media, no background jobs, limits lifted.</summary>
    public static Dictionary<string, string> Environment(string data) => new()
    {
        ["Data__Path"] = data,
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Jobs__Scheduling"] = "false",
        ["Media__ListenAddress"] = "127.0.0.1",
        ["Media__Port"] = "0",
        ["AccessTokens__RequestBurst"] = "100000",
        ["AccessTokens__RequestsPerMinute"] = "100000",
        ["Rooms__CreationsPerHour"] = "100000",        // Setup signs many people up and in from one address, which the per-address sign-in limits would refuse.
        ["SignInLimits__LoginBurst"] = "1000000",
        ["SignInLimits__LoginsPerMinute"] = "1000000",
        ["SignInLimits__SignUpBurst"] = "1000000",
        ["SignInLimits__SignUpsPerHour"] = "1000000",
    };

    public static Task<ServerProcess> StartAsync(string dll, string root, string data) =>
        ServerProcess.StartAsync("meurs", "dotnet", [dll, "--urls", "http://127.0.0.1:0"], Environment(data), root, StartLimit);

    /// <summary>
    /// Setup, not measured: registers and logs in <paramref name="users"/> accounts in a Meurs process on
    /// <paramref name="data"/>, which then stops; the tokens stay valid for later processes on the same folder.
    /// </summary>
    public static async Task<string[]> RegisterAsync(string dll, string root, string data, int users, CancellationToken cancellationToken)
    {
        await using var server = await StartAsync(dll, root, data);
        using var api = new MeursApi(server.BaseAddress);
        return await api.RegisterAndLogInAsync(users, 8, cancellationToken);
    }

    /// <summary>
    /// Puts the scenario's bots in one call: subscribers join first (a Meurs participant receives the tracks published
    /// after it joined), then each publisher publishes; every subscriber answers the subscribe offers that follow.
    /// </summary>
    public static async Task<Participants> ConnectAsync(ServerProcess server, string[] tokens, ScenarioSpec spec, DtlsCertificate certificate, CancellationToken cancellationToken)
    {
        using var api = new MeursApi(server.BaseAddress);
        var room = await api.CreateRoomAsync(tokens[0], cancellationToken);
        var members = spec.Publishers + spec.Subscribers;
        await Parallel.ForAsync(1, members, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, ct) => await api.JoinRoomAsync(tokens[i], room, ct));
        var callSocket = new Uri($"ws://{server.BaseAddress.Authority}/ws/voice/{room}");
        var participants = new Participants();
        try
        {
            var subscribers = new MeursCallClient[spec.Subscribers];
            for (var i = 0; i < spec.Subscribers; i++)
            {
                var bot = new RtcBot($"sub{i}", certificate);
                var reception = new Reception(spec.Publishers);
                bot.RtpReceived = reception.OnRtp;
                participants.Subscribers.Add(new Subscriber(bot, reception));
                subscribers[i] = new MeursCallClient(bot, subscriber: true);
                participants.Signalling.Add(subscribers[i]);
            }
            await Parallel.ForAsync(0, spec.Subscribers, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (i, ct) => await subscribers[i].ConnectAsync(callSocket, tokens[spec.Publishers + i], ct));
            for (var p = 0; p < spec.Publishers; p++)
            {
                var bot = new RtcBot($"pub{p}", certificate);
                var client = new MeursCallClient(bot, subscriber: false);
                participants.Signalling.Add(client);
                participants.Publishers.Add(new Publisher(bot, spec.Kind, (uint)(0x10000000 + p), p));
                await client.ConnectAsync(callSocket, tokens[p], cancellationToken);
                await client.PublishAsync(spec.Kind, (uint)(0x10000000 + p), cancellationToken);
            }
            return participants;
        }
        catch
        {
            await participants.DisposeAsync();
            throw;
        }
    }
}
