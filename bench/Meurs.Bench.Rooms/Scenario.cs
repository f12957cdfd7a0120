using System.Diagnostics;
using System.Net.WebSockets;

namespace Meurs.Bench.Rooms;

/// <summary>The figures of one server at one room size.</summary>
internal sealed record RunResult(
    string Server,
    int Clients,
    int Connected,
    int ConnectFailures,
    string? FirstConnectFailure,
    double JoinSeconds,
    bool Settled,
    long RssBeforeKiB,
    long RssAfterKiB,
    int OpenAtLoad,
    long Sent,
    int SendFailures,
    long Received,
    long Duplicates,
    double DeliveriesPerSecond,
    double P50Ms,
    double P99Ms,
    double MaxMs,
    double MaxSendLagMs,
    double ServerCpuPercent,
    double BenchCpuPercent,
    int ClosedDuringRun,
    string? CloseReasons,
    int ErrorFrames,
    string? FirstError,
    long JoinFrames,
    double JoinServerCpuSeconds,
    double JoinBenchCpuSeconds,
    double LoadServerCpuSeconds,
    double HandshakeP50Ms,
    double HandshakeMaxMs,
    double HistoryP50Ms,
    double HistoryMaxMs)
{
    /// <summary>How many distinct users hold the sockets (Meurs only; N unless --max-users caps them).</summary>
    public int? Users { get; init; }

    public long Expected => Sent * Clients;

    public double LossPercent => Expected == 0 ? 0 : 100.0 * (Expected - Math.Min(Received - Duplicates, Expected)) / Expected;

    public double KiBPerConnection => Connected == 0 ? 0 : (RssAfterKiB - RssBeforeKiB) / (double)Connected;
}

/// <summary>
/// One measurement: N clients join one room and settle, then a fixed set of senders sends chat messages at a fixed
/// total rate (open loop: each message has its due time, whatever happened to the previous ones) for a fixed time,
/// and every client timestamps every chat frame it receives.
/// </summary>
internal static class Scenario
{
    private const int ConnectParallelism = 32;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WaveQuiet = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan SettleLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan JoinLimit = TimeSpan.FromSeconds(300);
    private static readonly TimeSpan DrainStall = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(30);

    /// <param name="name">The server's name in the report.</param>
    /// <param name="server">The server process, for its memory and CPU time.</param>
    /// <param name="clients">N, the room size.</param>
    /// <param name="socketUri">The socket address.</param>
    /// <param name="tokens">Bearer token of each client, or null when the server takes none.</param>
    /// <param name="expectsHistory">True when the server sends a history frame on connect that marks a client as in.</param>
    /// <param name="options">Rate, duration and senders.</param>
    /// <param name="progress">Where progress lines go.</param>
    /// <param name="cancellationToken">The bench's overall deadline.</param>
    public static async Task<RunResult> RunAsync(string name, ServerProcess server, int clients, Uri socketUri, IReadOnlyList<string>? tokens, bool expectsHistory, BenchOptions options, Action<string> progress, CancellationToken cancellationToken)
    {
        var state = new RunState();
        var members = new BenchClient[clients];
        var connectFailures = 0;
        string? firstConnectFailure = null;
        var rssBefore = server.RssKiB();

        // 1. Everyone joins, in waves of --join-wave sockets (at most 32 handshakes in flight); a wave starts once the
        //    previous one has its history and the frames its joins caused (join notices, member lists) have drained.
        var joinStarted = Stopwatch.GetTimestamp();
        var joinServerCpu = server.CpuTime();
        var joinBenchCpu = Environment.CpuUsage.TotalTime;
        var settled = true;
        var nextReport = TimeSpan.FromSeconds(5);
        for (var waveStart = 0; waveStart < clients; waveStart += options.JoinWave)
        {
            var waveEnd = Math.Min(clients, waveStart + options.JoinWave);
            await Parallel.ForAsync(waveStart, waveEnd, new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var client = new BenchClient(state, expectsHistory);
                members[i] = client;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(ConnectTimeout);
                try
                {
                    await client.ConnectAsync(socketUri, tokens?[i], timeout.Token, cancellationToken);
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException && !ct.IsCancellationRequested)
                {
                    Interlocked.Increment(ref connectFailures);
                    Interlocked.CompareExchange(ref firstConnectFailure, ex.Message, null);
                }
            });
            var last = waveEnd == clients;
            var waveSettled = await SettleAsync(state, members.AsMemory(0, waveEnd), last ? Quiet : WaveQuiet, cancellationToken);
            settled &= waveSettled;
            if (Stopwatch.GetElapsedTime(joinStarted) >= nextReport || last)
            {
                progress($"  … {waveEnd}/{clients} joined after {Stopwatch.GetElapsedTime(joinStarted).TotalSeconds:F1} s, {state.Frames:N0} frames, {members.Take(waveEnd).Count(c => !c.IsOpen)} closed{(waveSettled ? "" : " (wave did not settle)")}");
                nextReport = Stopwatch.GetElapsedTime(joinStarted) + TimeSpan.FromSeconds(5);
            }
            if (Stopwatch.GetElapsedTime(joinStarted) >= JoinLimit && !last)
            {
                throw new TimeoutException($"{name} N={clients}: joining took over {JoinLimit.TotalSeconds:F0} s ({waveEnd} joined)");
            }
        }
        var joinSeconds = Stopwatch.GetElapsedTime(joinStarted, Math.Max(state.LastFrameAt, joinStarted)).TotalSeconds;
        var rssAfter = server.RssKiB();
        joinServerCpu = server.CpuTime() - joinServerCpu;
        joinBenchCpu = Environment.CpuUsage.TotalTime - joinBenchCpu;
        var joinFrames = state.Frames;
        var handshakes = members.Where(c => c.ConnectedAt != 0).Select(c => c.ConnectedAt - c.ConnectStartedAt).Order().ToArray();
        var histories = members.Where(c => c.HistoryAt != 0).Select(c => c.HistoryAt - c.ConnectStartedAt).Order().ToArray();
        var open = members.Where(c => c.IsOpen).ToArray();
        progress($"{name} N={clients}: {(settled ? "settled" : "NOT settled")}; last join frame {joinSeconds:F1} s after the first handshake ({state.Frames:N0} frames); {open.Length} open; RSS {rssBefore / 1024.0:F0} → {rssAfter / 1024.0:F0} MiB");

        // 2. Warm-up, not measured: each sender sends two messages (first-use costs such as JIT on both sides), then quiet again.
        var senders = open.Take(Math.Min(options.Senders, open.Length)).ToArray();
        foreach (var sender in senders)
        {
            await sender.SendWarmUpAsync(cancellationToken);
            await sender.SendWarmUpAsync(cancellationToken);
        }
        await WaitForQuietAsync(state, cancellationToken);

        // 3. Load: message i is due at t0 + i/rate and goes out through sender i mod S.
        var total = options.Rate * options.Seconds;
        state.PrepareLoad(total);
        var serverCpuStart = server.CpuTime();
        var benchCpuStart = Environment.CpuUsage.TotalTime;
        var t0 = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 20);
        var sent = 0L;
        var sendFailures = 0;
        var maxLag = 0L;
        await Task.WhenAll(senders.Select((sender, s) => Task.Run(async () =>
        {
            for (var i = s; i < total; i += senders.Length)
            {
                var due = t0 + (long)(i * (double)Stopwatch.Frequency / options.Rate);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }
                var lag = Stopwatch.GetTimestamp() - due;
                InterlockedMax(ref maxLag, lag);
                try
                {
                    await sender.SendChatAsync(i, cancellationToken);
                    Interlocked.Increment(ref sent);
                }
                catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException)
                {
                    Interlocked.Increment(ref sendFailures);
                }
            }
        }, cancellationToken)));

        // 4. Drain: until every delivery arrived, or nothing arrived for 3 s (capped at 30 s).
        var expected = sent * clients;
        var drainStarted = Stopwatch.GetTimestamp();
        var lastCount = -1L;
        var lastProgress = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(drainStarted) < DrainLimit)
        {
            var count = state.ChatDeliveries;
            if (count >= expected)
            {
                break;
            }
            if (count != lastCount)
            {
                lastCount = count;
                lastProgress = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(lastProgress) >= DrainStall)
            {
                break;
            }
            await Task.Delay(50, cancellationToken);
        }
        var loadWall = Stopwatch.GetElapsedTime(t0);
        var serverCpu = server.CpuTime() - serverCpuStart;
        var benchCpu = Environment.CpuUsage.TotalTime - benchCpuStart;

        // 5. Collect: what ended early and why, then stop every client and gather the latencies.
        var ended = members.Where(c => c.EndedBy is not null).ToArray();
        var closeReasons = ended.Length == 0 ? null : string.Join("; ", ended.GroupBy(c => c.EndedBy).OrderByDescending(g => g.Count()).Take(3).Select(g => $"{g.Count()}× {g.Key}"));
        var errorFrames = members.Sum(c => c.Errors);
        var firstError = members.Select(c => c.FirstError).FirstOrDefault(e => e is not null);
        await Task.WhenAll(members.Select(c => c.StopAsync()));
        var latencies = members.SelectMany(c => c.Latencies).ToArray();
        Array.Sort(latencies);
        var lastChat = members.Max(c => c.LastChatAt);
        foreach (var client in members)
        {
            client.Dispose();
        }
        var received = latencies.LongLength;
        var duplicates = state.PerMessage.Sum(c => (long)Math.Max(0, c - clients));
        var deliverySeconds = lastChat > t0 ? Stopwatch.GetElapsedTime(t0, lastChat).TotalSeconds : 0;
        return new RunResult(
            name, clients, clients - connectFailures, connectFailures, firstConnectFailure, joinSeconds, settled,
            rssBefore, rssAfter, open.Length, sent, sendFailures, received, duplicates,
            deliverySeconds > 0 ? received / deliverySeconds : 0,
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Length == 0 ? double.NaN : ToMs(latencies[^1]),
            ToMs(maxLag),
            100 * serverCpu / loadWall, 100 * benchCpu / loadWall,
            ended.Length, closeReasons, errorFrames, firstError,
            joinFrames, joinServerCpu.TotalSeconds, joinBenchCpu.TotalSeconds, serverCpu.TotalSeconds,
            Percentile(handshakes, 0.5), handshakes.Length == 0 ? double.NaN : ToMs(handshakes[^1]),
            Percentile(histories, 0.5), histories.Length == 0 ? double.NaN : ToMs(histories[^1]));
    }

    /// <summary>
    /// Waits until every open client among <paramref name="joined"/> has its history and no frame has arrived anywhere
    /// for <paramref name="quiet"/>; false when that did not happen within <see cref="SettleLimit"/>.
    /// </summary>
    private static async Task<bool> SettleAsync(RunState state, ReadOnlyMemory<BenchClient> joined, TimeSpan quiet, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < SettleLimit)
        {
            await Task.Delay(50, cancellationToken);
            var waiting = false;
            foreach (var client in joined.Span)
            {
                if (client.IsOpen && !client.HistorySeen)
                {
                    waiting = true;
                    break;
                }
            }
            if (!waiting && Stopwatch.GetElapsedTime(state.LastFrameAt) >= quiet)
            {
                return true;
            }
        }
        return false;
    }

    private static async Task WaitForQuietAsync(RunState state, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(state.LastFrameAt) < Quiet && Stopwatch.GetElapsedTime(started) < SettleLimit)
        {
            await Task.Delay(100, cancellationToken);
        }
    }

    private static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : ToMs(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)]);

    private static double ToMs(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}
