using System.Diagnostics;
using System.Net;
using Meurs.Bench.Rooms;

namespace Meurs.Bench.Channels;

/// <summary>One page or fragment under load: what was asked, and what it cost the server.</summary>
internal sealed record PageResult(string Name, string Path, int Concurrency, double Seconds, long Requests, long Failures, string? FirstFailure,
    double RequestsPerSecond, double CpuMicrosecondsPerRequest, double ServerCpuPercent, double BenchCpuPercent, double P50Ms, double P99Ms, long BytesPerResponse);

/// <summary>
/// The load generator of the page phase: <c>concurrency</c> loops on one signed-in browser's cookie, each issuing GET
/// <c>path</c> back to back for the given time on keep-alive connections over loopback, after a warm-up (JIT, Razor
/// component caches, SQLite page cache). CPU per request is the server process's CPU time (/proc/&lt;pid&gt;/stat,
/// user + system) over the measured window divided by the requests answered in it.
/// </summary>
internal static class PageLoad
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    public static async Task<PageResult> RunAsync(string name, HttpClient browser, string path, ServerProcess server, int concurrency, TimeSpan duration, CancellationToken ct)
    {
        await LoopAsync(browser, path, concurrency, WarmUp, ct);
        var cpuBefore = server.CpuTime();
        var benchBefore = Stats.OwnCpu();
        var started = Stopwatch.GetTimestamp();
        var loops = await LoopAsync(browser, path, concurrency, duration, ct);
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpu = (server.CpuTime() - cpuBefore).TotalSeconds;
        var benchCpu = (Stats.OwnCpu() - benchBefore).TotalSeconds;
        var latencies = loops.SelectMany(l => l.Latencies).Order().ToArray();
        var requests = latencies.Length;
        var failures = loops.Sum(l => l.Failures);
        return new PageResult(name, path, concurrency, wall, requests, failures, loops.Select(l => l.FirstFailure).FirstOrDefault(f => f is not null),
            requests / wall, requests == 0 ? double.NaN : cpu * 1e6 / requests, 100 * cpu / wall, 100 * benchCpu / wall,
            Stats.Percentile(latencies, 0.50), Stats.Percentile(latencies, 0.99), requests == 0 ? 0 : loops.Sum(l => l.Bytes) / requests);
    }

    private static async Task<Loop[]> LoopAsync(HttpClient browser, string path, int concurrency, TimeSpan duration, CancellationToken ct)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var loops = Enumerable.Range(0, concurrency).Select(_ => new Loop()).ToArray();
        await Task.WhenAll(loops.Select(loop => Task.Run(() => loop.RunAsync(browser, path, until, ct), ct)));
        return loops;
    }

    /// <summary>One client loop; only successful (200) answers count as requests and have their latency kept.</summary>
    private sealed class Loop
    {
        public List<long> Latencies { get; } = [];

        public long Failures { get; private set; }

        public string? FirstFailure { get; private set; }

        public long Bytes { get; private set; }

        public async Task RunAsync(HttpClient browser, string path, long until, CancellationToken ct)
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                var sent = Stopwatch.GetTimestamp();
                using var response = await browser.GetAsync(path, ct);
                var body = await response.Content.ReadAsByteArrayAsync(ct);
                var took = Stopwatch.GetTimestamp() - sent;
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Latencies.Add(took);
                    Bytes += body.Length;
                }
                else
                {
                    Failures++;
                    FirstFailure ??= $"{(int)response.StatusCode} {response.Headers.Location}";
                }
            }
        }
    }
}
