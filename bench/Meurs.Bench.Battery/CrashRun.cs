using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Meurs.Bench.Rooms;

namespace Meurs.Bench.Battery;

/// <summary>
/// bench/crash: chat at a fixed rate into one room, kill -9 the server at a random moment, check the database with
/// <c>PRAGMA integrity_check</c>, restart it, and check that every message the server acknowledged (the sender received
/// its own chat event back, with its seq) is in the room's history, by resuming (<c>?after=</c>) on the restarted
/// server. After the last round, the whole history is checked once more against every acknowledged message.
/// </summary>
internal static class CrashRun
{
    public static readonly IReadOnlyDictionary<string, int> Defaults = new Dictionary<string, int>
    {
        ["rounds"] = 100,
        ["rate"] = 200,
        ["writers"] = 4,
        ["port"] = 5631,
        ["max-ms"] = 4000,
        ["seed"] = 1,
    };

    private sealed record Ack(long Seq, string Text);

    public static async Task<int> RunAsync(Options options)
    {
        var rounds = options["rounds"];
        var rate = options["rate"];
        var writerCount = options["writers"];
        var random = new Random(options["seed"]);
        var data = Directory.CreateTempSubdirectory("meurs-crash-");
        var started = Stopwatch.GetTimestamp();
        var loadBefore = MeursServer.LoadAverage();
        var allAcked = new List<Ack>();
        long sent = 0, unackedStored = 0, duplicates = 0;
        var lost = new List<string>();
        var integrityFailures = new List<string>();
        var restartTimes = new List<double>();
        var killAfterMs = new List<int>();
        try
        {
            var server = await MeursServer.StartAsync(data.FullName, options["port"]);
            MeursServer.Progress($"crash: Meurs on {server.BaseAddress}, data in {data.FullName}; {rounds} rounds at {rate} writes/s from {writerCount} writers");
            string[] tokens;
            string room;
            using (var api = new MeursApi(server.BaseAddress, writerCount))
            {
                (tokens, _) = await api.RegisterAndLogInAsync(writerCount, writerCount, CancellationToken.None);
                room = await api.CreateRoomAsync(tokens[0], CancellationToken.None);
            }
            List<Ack> previous = [];
            var previousSent = new HashSet<string>(StringComparer.Ordinal);
            long previousStart = 0;
            for (var round = 1; round <= rounds + 1; round++)
            {
                // Check the round before the crash on the server that came back from it.
                if (round > 1)
                {
                    var (items, error) = await ResumeAsync(server, room, tokens[0], previousStart);
                    if (error is not null)
                    {
                        lost.Add($"round {round - 1}: could not resume: {error}");
                    }
                    var chats = items.Where(i => i.Type == "chat" && i.Text is not null).GroupBy(i => i.Text!, StringComparer.Ordinal).ToList();
                    duplicates += chats.Sum(g => g.Count() - 1);
                    var stored = chats.ToDictionary(g => g.Key, g => g.First().Seq, StringComparer.Ordinal);
                    foreach (var ack in previous)
                    {
                        var found = stored.TryGetValue(ack.Text, out var seq);
                        if (!found || seq != ack.Seq)
                        {
                            lost.Add($"round {round - 1}: acknowledged '{ack.Text}' (seq {ack.Seq}) is {(found ? $"stored with seq {seq}" : "missing")}");
                        }
                    }
                    var acked = previous.Select(a => a.Text).ToHashSet(StringComparer.Ordinal);
                    unackedStored += stored.Keys.Count(t => previousSent.Contains(t) && !acked.Contains(t));
                }
                if (round > rounds)
                {
                    break;
                }

                var killAfter = random.Next(200, options["max-ms"]);
                killAfterMs.Add(killAfter);
                var (acks, roundSent, start) = await WriteAndKillAsync(server, room, tokens, rate, round, TimeSpan.FromMilliseconds(killAfter));
                sent += roundSent.Count;
                allAcked.AddRange(acks);
                (previous, previousSent, previousStart) = (acks, roundSent, start);

                var integrity = IntegrityCheck(Path.Combine(data.FullName, "meurs.db"));
                if (integrity != "ok")
                {
                    integrityFailures.Add($"round {round}: {integrity}");
                }
                var restartStarted = Stopwatch.GetTimestamp();
                server = await MeursServer.StartAsync(data.FullName, options["port"]);
                restartTimes.Add(Stopwatch.GetElapsedTime(restartStarted).TotalSeconds);
                MeursServer.Progress($"round {round}: killed after {killAfter} ms; {roundSent.Count} sent, {acks.Count} acknowledged; integrity_check {integrity}; restarted in {restartTimes[^1]:F1} s");
            }

            // The whole history against everything acknowledged in every round.
            var (all, finalError) = await ResumeAsync(server, room, tokens[0], 0);
            var everything = all.Where(i => i.Type == "chat" && i.Text is not null).Select(i => (i.Text!, i.Seq)).ToHashSet();
            var finalMissing = allAcked.Count(a => !everything.Contains((a.Text, a.Seq)));
            await server.DisposeAsync();

            var elapsed = Stopwatch.GetElapsedTime(started);
            var command = "bench/crash/run.sh " + string.Join(' ', Defaults.Keys.Select(k => $"--{k} {options[k]}"));
            Console.WriteLine($"""
                ## bench/crash

                Command: `{command}` ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} CPUs, load average {loadBefore} at the start, {MeursServer.LoadAverage()} at the end)

                | figure | value |
                |---|---|
                | rounds (kill -9 each) | {rounds} |
                | kill after (ms from the first write) | {killAfterMs.Min()}–{killAfterMs.Max()}, median {Median(killAfterMs)} |
                | messages sent | {sent} |
                | acknowledged (own echo received) | {allAcked.Count} |
                | acknowledged and missing after restart | {lost.Count} |
                | acknowledged and missing from the full history at the end | {finalMissing}{(finalError is null ? "" : $" ({finalError})")} |
                | sent, not acknowledged, stored anyway | {unackedStored} |
                | stored twice | {duplicates} |
                | `PRAGMA integrity_check` not ok | {integrityFailures.Count} of {rounds} |
                | restart to listening, s | median {Median(restartTimes):F1}, max {restartTimes.Max():F1} |
                | total time | {elapsed.TotalMinutes:F1} min |
                """);
            foreach (var line in lost.Take(20).Concat(integrityFailures.Take(20)))
            {
                Console.WriteLine("- " + line);
            }
            return lost.Count == 0 && finalMissing == 0 && duplicates == 0 && integrityFailures.Count == 0 ? 0 : 1;
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

    /// <summary>
    /// Connects the writers, sends open loop (message i of a writer is due at t0 + i × writers / rate), and kills the
    /// server <paramref name="killAfter"/> after t0 while sends are in flight. Returns what was acknowledged, what was
    /// sent, and the room's last seq before the first write (from the writers' history frames).
    /// </summary>
    private static async Task<(List<Ack> Acks, HashSet<string> Sent, long Start)> WriteAndKillAsync(
        ServerProcess server, string room, string[] tokens, int rate, int round, TimeSpan killAfter)
    {
        var acks = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var sent = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        long start = 0;
        var writers = tokens.Select((_, i) => new RoomClient(MeursApi.UserName(i), (client, frame) =>
        {
            if (frame.Type is "history" or "resume")
            {
                var last = frame.Items.Select(e => e.Seq ?? 0).DefaultIfEmpty(0).Max();
                InterlockedMax(ref start, last);
            }
            else if (frame.Type == "chat" && frame.From == client.UserName && frame.Text is { } text && frame.Seq is { } seq && sent.ContainsKey(text))
            {
                acks[text] = seq;
            }
        })).ToList();
        try
        {
            await Task.WhenAll(writers.Select((w, i) => w.ConnectAsync(MeursServer.RoomSocket(server, room), tokens[i], CancellationToken.None)));
            var t0 = Stopwatch.GetTimestamp();
            using var stop = new CancellationTokenSource();
            var interval = TimeSpan.FromSeconds(writers.Count / (double)rate);
            var sending = writers.Select((w, i) => Task.Run(async () =>
            {
                for (var n = 0; !stop.IsCancellationRequested; n++)
                {
                    var due = interval * n + TimeSpan.FromSeconds(i / (double)rate);
                    var wait = due - Stopwatch.GetElapsedTime(t0);
                    if (wait > TimeSpan.Zero)
                    {
                        try
                        {
                            await Task.Delay(wait, stop.Token);
                        }
                        catch (OperationCanceledException)
                        {
                            return;
                        }
                    }
                    var text = string.Create(CultureInfo.InvariantCulture, $"crash r{round} w{i} n{n}");
                    sent[text] = true;
                    if (!await w.SendChatAsync(text, CancellationToken.None))
                    {
                        sent.TryRemove(text, out _);
                        return;
                    }
                }
            })).ToList();
            var killAt = killAfter - Stopwatch.GetElapsedTime(t0);
            if (killAt > TimeSpan.Zero)
            {
                await Task.Delay(killAt);
            }
            await server.DisposeAsync(); // SIGKILL (Process.Kill), then wait for the exit
            await stop.CancelAsync();
            await Task.WhenAll(writers.Select(w => w.StopAsync()));
            await Task.WhenAll(sending);
        }
        finally
        {
            foreach (var writer in writers)
            {
                writer.Dispose();
            }
        }
        return ([.. acks.Select(a => new Ack(a.Value, a.Key))], [.. sent.Keys], Interlocked.Read(ref start));
    }

    private static async Task<(List<RoomFrame> Items, string? Error)> ResumeAsync(ServerProcess server, string room, string token, long after)
    {
        var got = new TaskCompletionSource<RoomFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var client = new RoomClient(MeursApi.UserName(0), (_, frame) =>
        {
            if (frame.Type is "resume" or "history")
            {
                got.TrySetResult(frame);
            }
        });
        try
        {
            await client.ConnectAsync(MeursServer.RoomSocket(server, room, after), token, CancellationToken.None);
            var frame = await got.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await client.StopAsync();
            return (frame.Items.ToList(), frame.Type == "resume" ? null : "answered with history instead of resume");
        }
        catch (Exception ex) when (ex is TimeoutException or HandshakeException or System.Net.WebSockets.WebSocketException)
        {
            return ([], ex.Message);
        }
    }

    /// <summary>Runs <c>sqlite3 db "PRAGMA integrity_check"</c> on the database the killed server left; "ok" when sound.</summary>
    private static string IntegrityCheck(string database)
    {
        var start = new ProcessStartInfo("sqlite3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(database);
        start.ArgumentList.Add("PRAGMA integrity_check;");
        using var sqlite = Process.Start(start) ?? throw new InvalidOperationException("sqlite3 did not start");
        var output = sqlite.StandardOutput.ReadToEnd().Trim();
        var error = sqlite.StandardError.ReadToEnd().Trim();
        sqlite.WaitForExit();
        return sqlite.ExitCode == 0 ? output : $"sqlite3 failed ({sqlite.ExitCode}): {error}";
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) != current)
        {
            current = Interlocked.Read(ref target);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    private static int Median(IEnumerable<int> values) => (int)Median(values.Select(v => (double)v));
}
