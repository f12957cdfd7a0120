using System.Diagnostics;
using System.Globalization;
using System.Net;
using Meurs.Bench.Rooms;

namespace Meurs.Bench.Channels;

/// <summary>What one fan-out run measured.</summary>
internal sealed record FanOutResult(string Server, int Subscribers, int Open, int Sent, int SendFailures, long Expected, long Received,
    double P50Ms, double P99Ms, double MaxMs, double PostP50Ms, double PostP99Ms, double ServerCpuPercent, double BenchCpuPercent, int Ended, string? FirstEnd)
{
    public double LossPercent => Expected == 0 ? 0 : 100.0 * (Expected - Received) / Expected;
}

/// <summary>
/// Send-to-visible: <c>subscribers</c> sockets on one channel, then one sender POSTing at a fixed rate (open loop: the
/// i-th send starts at i/rate s whatever the earlier ones are doing) for the given time; each message carries
/// <c>"bench &lt;i&gt; &lt;Stopwatch timestamp&gt;"</c> taken just before its POST. Latency is counted per delivery
/// (every subscriber's copy), from that timestamp to the subscriber reading the frame. Afterwards the bench waits until
/// every copy has arrived or nothing has for 3 s.
/// </summary>
internal static class FanOut
{
    private static readonly TimeSpan ConnectLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DrainStall = TimeSpan.FromSeconds(3);

    /// <param name="send">POSTs one message's content; returns the status (201 Meurs, 204 floor).</param>
    public static async Task<FanOutResult> RunAsync(string name, ServerProcess server, Uri socketUri, IReadOnlyList<string>? tokens, bool expectsGreeting,
        Func<string, CancellationToken, Task<HttpStatusCode>> send, HttpStatusCode sentStatus, ChannelOptions options, Action<string> progress, CancellationToken ct)
    {
        var messages = options.Rate * options.Seconds;
        var deliveries = new int[messages];
        var subscribers = Enumerable.Range(0, options.Subscribers).Select(_ => new Subscriber(deliveries)).ToArray();
        try
        {
            // Connect 50 at a time (a browser-like arrival rather than a storm), each waiting for its greeting.
            using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                connecting.CancelAfter(ConnectLimit);
                var started = Stopwatch.GetTimestamp();
                await Parallel.ForAsync(0, subscribers.Length, new ParallelOptions { MaxDegreeOfParallelism = 50, CancellationToken = connecting.Token }, async (i, c) =>
                {
                    await subscribers[i].ConnectAsync(socketUri, tokens?[i % tokens.Count], expectsGreeting, ct);
                    await subscribers[i].Ready.WaitAsync(c);
                });
                progress($"{name}: {subscribers.Length} sockets open in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
            }

            // Warm-up, not measured: the send and fan-out paths run once before the clock starts.
            for (var i = 0; i < 3; i++)
            {
                await send("warm-up", ct);
            }
            await Task.Delay(500, ct);

            var cpuBefore = server.CpuTime();
            var benchBefore = Stats.OwnCpu();
            var loadStarted = Stopwatch.GetTimestamp();
            var posts = new Task<(HttpStatusCode, long)>[messages];
            for (var i = 0; i < messages; i++)
            {
                var due = loadStarted + (long)(i * (double)Stopwatch.Frequency / options.Rate);
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds(wait / (double)Stopwatch.Frequency), ct);
                }
                var id = i;
                posts[i] = Task.Run(async () =>
                {
                    var sentAt = Stopwatch.GetTimestamp();
                    var status = await send(string.Create(CultureInfo.InvariantCulture, $"bench {id} {sentAt}"), ct);
                    return (status, Stopwatch.GetTimestamp() - sentAt);
                }, ct);
            }
            var results = await Task.WhenAll(posts);
            var sent = results.Count(r => r.Item1 == sentStatus);
            var expected = (long)sent * subscribers.Length;
            await DrainAsync(deliveries, expected, ct);
            var wall = Stopwatch.GetElapsedTime(loadStarted).TotalSeconds;
            var serverCpu = (server.CpuTime() - cpuBefore).TotalSeconds;
            var benchCpu = (Stats.OwnCpu() - benchBefore).TotalSeconds;

            foreach (var s in subscribers)
            {
                await s.StopAsync();
            }
            // Read after every receive loop has ended.
            var latencies = subscribers.SelectMany(s => s.Latencies).Order().ToArray();
            var postTimes = results.Where(r => r.Item1 == sentStatus).Select(r => r.Item2).Order().ToArray();
            var ended = subscribers.Where(s => s.EndedBy is not null).ToArray();
            return new FanOutResult(name, subscribers.Length, subscribers.Length - ended.Length, sent, messages - sent, expected, latencies.Length,
                Stats.Percentile(latencies, 0.50), Stats.Percentile(latencies, 0.99), Stats.MaxMs(latencies),
                Stats.Percentile(postTimes, 0.50), Stats.Percentile(postTimes, 0.99),
                100 * serverCpu / wall, 100 * benchCpu / wall, ended.Length, ended.FirstOrDefault()?.EndedBy);
        }
        finally
        {
            foreach (var s in subscribers)
            {
                await s.StopAsync();
                s.Dispose();
            }
        }
    }

    private static async Task DrainAsync(int[] deliveries, long expected, CancellationToken ct)
    {
        long last = -1;
        var lastChange = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(lastChange) < DrainStall)
        {
            long received = 0;
            for (var i = 0; i < deliveries.Length; i++)
            {
                received += Volatile.Read(ref deliveries[i]);
            }
            if (received >= expected)
            {
                return;
            }
            if (received != last)
            {
                last = received;
                lastChange = Stopwatch.GetTimestamp();
            }
            await Task.Delay(50, ct);
        }
    }
}
