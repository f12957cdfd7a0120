using System.Diagnostics;
using System.Globalization;
using System.Net;
using Meurs.Bench.Rooms;

namespace Meurs.Bench.Channels;

/// <summary>What the persistence phase measured.</summary>
internal sealed record WriteResult(int Writers, double Seconds, long Committed, long Refused, string? FirstRefusal, double PerSecond,
    double P50Ms, double P99Ms, double MaxMs, double CpuMicrosecondsPerMessage, double ServerCpuPercent, int CountedInChannel);

/// <summary>
/// Persisted messages per second: <c>writers</c> closed loops (each a different person, each POSTing its next message
/// as soon as the last was answered) into one text channel for the given time. Meurs answers 201 only after the
/// message's row is committed to SQLite (then it publishes), so the POST round trip is the commit time as a client
/// sees it, HTTP included. Afterwards the channel's messages are counted through GET and compared with the 201s.
/// </summary>
internal static class Writers
{
    public static async Task<WriteResult> RunAsync(ChannelsApi api, ServerProcess server, string channel, IReadOnlyList<string> tokens, ChannelOptions options, CancellationToken ct)
    {
        // Warm-up, not measured (and not counted: the count below subtracts it).
        const int WarmUp = 5;
        for (var i = 0; i < WarmUp; i++)
        {
            await api.SendMessageAsync(tokens[0], channel, "warm-up", ct);
        }
        var cpuBefore = server.CpuTime();
        var started = Stopwatch.GetTimestamp();
        var until = started + options.Seconds * Stopwatch.Frequency;
        var loops = await Task.WhenAll(Enumerable.Range(0, options.Writers).Select(w => Task.Run(async () =>
        {
            var times = new List<long>();
            var refused = 0L;
            string? firstRefusal = null;
            for (var n = 0; Stopwatch.GetTimestamp() < until; n++)
            {
                var sent = Stopwatch.GetTimestamp();
                var status = await api.TrySendMessageAsync(tokens[w % tokens.Count], channel, string.Create(CultureInfo.InvariantCulture, $"writer {w} message {n}"), ct);
                if (status == HttpStatusCode.Created)
                {
                    times.Add(Stopwatch.GetTimestamp() - sent);
                }
                else
                {
                    refused++;
                    firstRefusal ??= ((int)status).ToString(CultureInfo.InvariantCulture);
                }
            }
            return (times, refused, firstRefusal);
        }, ct)));
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpu = (server.CpuTime() - cpuBefore).TotalSeconds;
        var all = loops.SelectMany(l => l.times).Order().ToArray();
        var counted = await api.CountMessagesAsync(tokens[0], channel, ct) - WarmUp;
        return new WriteResult(options.Writers, wall, all.Length, loops.Sum(l => l.refused), loops.Select(l => l.firstRefusal).FirstOrDefault(f => f is not null),
            all.Length / wall, Stats.Percentile(all, 0.50), Stats.Percentile(all, 0.99), Stats.MaxMs(all),
            all.Length == 0 ? double.NaN : cpu * 1e6 / all.Length, 100 * cpu / wall, counted);
    }
}
