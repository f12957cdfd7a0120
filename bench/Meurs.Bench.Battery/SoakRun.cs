using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Meurs.Bench.Rooms;

namespace Meurs.Bench.Battery;

/// <summary>
/// bench/soak: many WebSocket clients spread over rooms, chat at a steady open-loop rate for a long time. Every client
/// checks its room's seq numbers (gaps, duplicates, out of order), every chat delivery is timed (one process, one
/// Stopwatch clock), a light HTTP poller counts 5xx answers, and the server's VmRSS is sampled every 10 s to measure
/// growth after warm-up.
/// </summary>
internal static class SoakRun
{
    public static readonly IReadOnlyDictionary<string, int> Defaults = new Dictionary<string, int>
    {
        ["minutes"] = 60,
        ["clients"] = 1000,
        ["rooms"] = 20,
        ["users"] = 100,
        ["rate"] = 20,
        ["port"] = 5632,
    };

    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(10);
    private const int JoinParallelism = 16;

    private sealed class Member(int index, int room, SequenceTracker tracker)
    {
        public int Index { get; } = index;

        public int Room { get; } = room;

        public SequenceTracker Tracker { get; } = tracker;

        public List<long> Latencies { get; } = [];

        public RoomClient? Client { get; set; }
    }

    public static async Task<int> RunAsync(Options options)
    {
        var (minutes, clients, roomCount, userCount, rate) = (options["minutes"], options["clients"], options["rooms"], Math.Min(options["users"], options["clients"]), options["rate"]);
        var duration = TimeSpan.FromMinutes(minutes);
        var warmUp = TimeSpan.FromSeconds(Math.Max(60, duration.TotalSeconds / 10));
        var data = Directory.CreateTempSubdirectory("meurs-soak-");
        var loadBefore = MeursServer.LoadAverage();
        var http = new StatusCounts();
        var samples = new List<(TimeSpan At, long RssKiB)>();
        try
        {
            await using var server = await MeursServer.StartAsync(data.FullName, options["port"]);
            MeursServer.Progress($"soak: Meurs on {server.BaseAddress}; {clients} clients in {roomCount} rooms, {userCount} users, {rate} messages/s for {minutes} min (warm-up {warmUp.TotalMinutes:F0} min)");
            string[] tokens;
            var rooms = new string[roomCount];
            using (var api = new MeursApi(server.BaseAddress, 8))
            {
                (tokens, var registration) = await api.RegisterAndLogInAsync(userCount, 8, CancellationToken.None);
                MeursServer.Progress($"registered and logged in {userCount} users in {registration.TotalSeconds:F0} s");
                for (var r = 0; r < roomCount; r++)
                {
                    rooms[r] = await api.CreateRoomAsync(tokens[r % userCount], CancellationToken.None);
                }
            }

            // Client c is user c mod U (a user's other clients are other tabs) in room (c + c / U) mod R, so that one
            // user's tabs are in different rooms.
            var members = Enumerable.Range(0, clients).Select(c => new Member(c, (c + c / userCount) % roomCount, new SequenceTracker())).ToArray();
            var handshakeFailures = 0;
            var joinStarted = Stopwatch.GetTimestamp();
            await Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = JoinParallelism }, async (member, ct) =>
            {
                var client = new RoomClient(MeursApi.UserName(member.Index % userCount), (_, frame) => OnFrame(member, frame));
                try
                {
                    await client.ConnectAsync(MeursServer.RoomSocket(server, rooms[member.Room]), tokens[member.Index % userCount], ct);
                    member.Client = client;
                    http.Add(101);
                }
                catch (HandshakeException ex)
                {
                    http.Add(ex.Status);
                    Interlocked.Increment(ref handshakeFailures);
                    client.Dispose();
                }
            });
            MeursServer.Progress($"{members.Count(m => m.Client is not null)} of {clients} clients connected in {Stopwatch.GetElapsedTime(joinStarted).TotalSeconds:F0} s; chatting");

            using var stop = new CancellationTokenSource();
            var t0 = Stopwatch.GetTimestamp();
            var sampling = Task.Run(async () =>
            {
                using var timer = new PeriodicTimer(SampleEvery);
                do
                {
                    samples.Add((Stopwatch.GetElapsedTime(t0), server.RssKiB()));
                }
                while (await timer.WaitForNextTickAsync(stop.Token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
            });
            var polling = PollAsync(server, rooms, tokens, http, stop.Token);
            var sent = await ChatAsync(members, rate, duration, t0);
            MeursServer.Progress($"sent {sent} messages; draining");
            await Task.Delay(TimeSpan.FromSeconds(5));
            await stop.CancelAsync();
            await Task.WhenAll(sampling, polling);
            samples.Add((Stopwatch.GetElapsedTime(t0), server.RssKiB()));

            // Tail: events after a client's last seq that its room reached.
            var roomLast = members.GroupBy(m => m.Room).ToDictionary(g => g.Key, g => g.Max(m => m.Tracker.Last ?? 0));
            var closed = members.Where(m => m.Client is { IsOpen: false }).Select(m => m.Client!.EndedBy).ToList();
            foreach (var member in members.Where(m => m.Client is not null))
            {
                await member.Client!.StopAsync();
                member.Client.Dispose();
            }

            var connected = members.Where(m => m.Client is not null).ToList();
            var gaps = connected.Sum(m => m.Tracker.Gaps + m.Tracker.TailGap(roomLast[m.Room]));
            var latencies = connected.SelectMany(m => m.Latencies).Order().ToArray();
            var afterWarmUp = samples.Where(s => s.At >= warmUp).ToList();
            var rssWarm = afterWarmUp.FirstOrDefault().RssKiB;
            var rssEnd = samples[^1].RssKiB;
            var growth = rssWarm > 0 ? (rssEnd - rssWarm) * 100.0 / rssWarm : double.NaN;
            var ms = (double ticks) => ticks * 1000.0 / Stopwatch.Frequency;
            var command = "bench/soak/run.sh " + string.Join(' ', Defaults.Keys.Select(k => $"--{k} {options[k]}"));
            Console.WriteLine($"""
                ## bench/soak

                Command: `{command}` ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, load average {loadBefore} at the start, {MeursServer.LoadAverage()} at the end)

                | figure | value |
                |---|---|
                | clients connected / asked | {connected.Count} / {clients} ({roomCount} rooms, {userCount} users) |
                | chat messages sent | {sent} ({rate}/s for {minutes} min) |
                | events received (with seq) | {connected.Sum(m => m.Tracker.Events)} |
                | chat deliveries timed | {latencies.Length} |
                | seq gaps (events never received) | {gaps} |
                | duplicates | {connected.Sum(m => m.Tracker.Duplicates)} |
                | out of order | {connected.Sum(m => m.Tracker.OutOfOrder)} |
                | delivery p50 / p99 / max, ms | {ms(Percentile(latencies, 0.50)):F0} / {ms(Percentile(latencies, 0.99)):F0} / {ms(latencies.LastOrDefault()):F0} |
                | sockets closed by the server during the run | {closed.Count}{(closed.Count > 0 ? $" (first: {closed[0]})" : "")} |
                | HTTP answers (handshakes and polls) | {http} |
                | 5xx answers | {http.ServerErrors} |
                | server RSS after warm-up ({warmUp.TotalMinutes:F0} min) → end, MiB | {rssWarm / 1024.0:F0} → {rssEnd / 1024.0:F0} ({growth:+0.0;-0.0}%) |
                | server RSS max, MiB | {samples.Max(s => s.RssKiB) / 1024.0:F0} |
                """);
            return gaps == 0 && http.ServerErrors == 0 && handshakeFailures == 0 ? 0 : 1;
        }
        finally
        {
            try
            {
                data.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static void OnFrame(Member member, RoomFrame frame)
    {
        if (frame.Type is "history" or "resume")
        {
            member.Tracker.Start(frame.Items.Select(i => i.Seq ?? 0).DefaultIfEmpty(0).Max());
            return;
        }
        if (frame.Seq is { } seq)
        {
            member.Tracker.Observe(seq);
        }
        // "soak <sender> <n> <Stopwatch timestamp>"
        if (frame.Type == "chat" && frame.Text?.Split(' ') is ["soak", _, _, var stamp]
            && long.TryParse(stamp, NumberStyles.None, CultureInfo.InvariantCulture, out var sentAt))
        {
            member.Latencies.Add(frame.ReceivedAt - sentAt);
        }
    }

    // Open loop: message i is due at t0 + i / rate whatever happened to the earlier ones, from a client chosen by a
    // fixed stride so that senders rotate over all clients and rooms.
    private static async Task<long> ChatAsync(Member[] members, int rate, TimeSpan duration, long t0)
    {
        var open = members.Where(m => m.Client is not null).ToArray();
        long sent = 0;
        var inFlight = new List<Task>();
        for (long i = 0; ; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)rate);
            if (due >= duration)
            {
                break;
            }
            var wait = due - Stopwatch.GetElapsedTime(t0);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            var sender = open[(int)(i * 7919 % open.Length)];
            var text = string.Create(CultureInfo.InvariantCulture, $"soak {sender.Index} {i} {Stopwatch.GetTimestamp()}");
            inFlight.Add(sender.Client!.SendChatAsync(text, CancellationToken.None));
            sent++;
            if (inFlight.Count >= 256)
            {
                await Task.WhenAll(inFlight);
                inFlight.Clear();
            }
        }
        await Task.WhenAll(inFlight);
        return sent;
    }

    // One request a second, alternating room details and the caller's profile, as a page or the CLI would poll.
    private static async Task PollAsync(ServerProcess server, string[] rooms, string[] tokens, StatusCounts counts, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        for (var i = 0; ; i++)
        {
            try
            {
                if (!await timer.WaitForNextTickAsync(cancellationToken))
                {
                    return;
                }
                var path = i % 2 == 0 ? $"api/comuni/rooms/{rooms[i / 2 % rooms.Length]}" : "api/users/me";
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[i % tokens.Length]);
                using var response = await http.SendAsync(request, cancellationToken);
                counts.Add((int)response.StatusCode);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
                counts.Add(0);
            }
        }
    }

    private static long Percentile(long[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

/// <summary>HTTP answers by class (0 for a request that got no answer), thread-safe.</summary>
internal sealed class StatusCounts
{
    private readonly long[] byClass = new long[6];

    public long ServerErrors => Interlocked.Read(ref byClass[5]);

    public void Add(int status) => Interlocked.Increment(ref byClass[Math.Clamp(status / 100, 0, 5)]);

    public override string ToString() =>
        string.Join(", ", byClass.Select((n, c) => (n, c)).Where(x => x.n > 0).Select(x => x.c == 0 ? $"{x.n} unanswered" : $"{x.n} {x.c}xx"));
}
