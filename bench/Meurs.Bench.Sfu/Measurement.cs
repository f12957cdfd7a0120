using System.Diagnostics;

namespace Meurs.Bench.Sfu;

/// <summary>The figures of one scenario on one SFU.</summary>
internal sealed record Result(
    string Sfu,
    ScenarioSpec Spec,
    double Seconds,
    long Sent,
    long Expected,
    long Received,
    long Duplicates,
    double SfuCpuSeconds,
    double BotCpuSeconds,
    double P50Ms,
    double P99Ms,
    double MaxMs,
    double ReadySeconds,
    double IdleSfuCpuPercent,
    string Srtp,
    string? Note)
{
    public double LossPercent => Expected == 0 ? 0 : 100.0 * (Expected - Received) / Expected;

    public double ForwardedPerSecond => Received / Seconds;

    public double SfuCpuMicrosecondsPerPacket => Received == 0 ? double.NaN : SfuCpuSeconds * 1e6 / Received;

    public double SfuCpuPercent => 100 * SfuCpuSeconds / Seconds;

    /// <summary>CPU per forwarded packet after taking off what the SFU burns idle over the same time (never below 0).</summary>
    public double SfuCpuAboveIdleMicrosecondsPerPacket => Received == 0 ? double.NaN : Math.Max(0, SfuCpuSeconds - IdleSfuCpuPercent / 100 * Seconds) * 1e6 / Received;

    public double BotCpuPercent => 100 * BotCpuSeconds / Seconds;
}

/// <summary>
/// Runs the load on connected bots: send, wait until every subscriber gets every stream (warm-up: the SFUs need a
/// key frame and their consumers resumed), mark packets "measured" for the measured seconds while sampling CPU
/// times, send an unmeasured tail for 1 s, stop and drain.
/// </summary>
internal static class Measurement
{
    private static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(30);

    public static async Task<Result> RunAsync(string sfu, ServerProcess server, Participants participants, ScenarioSpec spec, BenchOptions options, CancellationToken cancellationToken)
    {
        var media = new SyntheticMedia(participants.Publishers);
        media.Start();
        string? note = null;
        var started = Stopwatch.GetTimestamp();
        try
        {
            // Warm-up: at least the given seconds, and until every subscriber has received something from every stream.
            await Task.Delay(options.WarmUp, cancellationToken);
            while (participants.Subscribers.Any(s => s.Reception.StreamsSeen < spec.Publishers) && Stopwatch.GetElapsedTime(started) < ReadyLimit)
            {
                await Task.Delay(100, cancellationToken);
            }
            var ready = Stopwatch.GetElapsedTime(started);
            var unready = participants.Subscribers.Count(s => s.Reception.StreamsSeen < spec.Publishers);
            if (unready > 0)
            {
                note = $"{unready} of {spec.Subscribers} subscribers had not received every stream after {ReadyLimit.TotalSeconds:F0} s of warm-up";
            }

            var sfuBefore = server.CpuTime();
            var botBefore = ServerProcess.ReadCpuTime(Environment.ProcessId);
            var t0 = Stopwatch.GetTimestamp();
            media.Measuring = true;
            await Task.Delay(options.Measured, cancellationToken);
            media.Measuring = false;
            var seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            var sfuCpu = (server.CpuTime() - sfuBefore).TotalSeconds;
            var botCpu = (ServerProcess.ReadCpuTime(Environment.ProcessId) - botBefore).TotalSeconds;
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            media.Stop();
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            // The SFU's own cost with everyone still connected and nothing sent (timers, keep-alives, consent checks),
            // taken after the load so that start-up work (JIT, first requests) is over.
            var idleBefore = server.CpuTime();
            var idleStart = Stopwatch.GetTimestamp();
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            var idlePercent = 100 * (server.CpuTime() - idleBefore).TotalSeconds / Stopwatch.GetElapsedTime(idleStart).TotalSeconds;

            var sent = media.SentMeasured.Sum();
            var expected = sent * spec.Subscribers;
            var received = participants.Subscribers.Sum(s => s.Reception.Received);
            var duplicates = participants.Subscribers.Sum(s => s.Reception.Duplicates);
            var latencies = participants.Subscribers.SelectMany(s => s.Reception.LatencyMicroseconds).ToArray();
            Array.Sort(latencies);
            if (media.SendFailures > 0)
            {
                note = (note is null ? "" : note + "; ") + $"{media.SendFailures} packets could not be protected or sent";
            }
            return new Result(sfu, spec, seconds, sent, expected, received, duplicates, sfuCpu, botCpu,
                Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Length == 0 ? double.NaN : latencies[^1] / 1000.0,
                ready.TotalSeconds, idlePercent,
                string.Join("/", participants.Subscribers.Select(s => s.Bot.Profile?.ToString() ?? "none").Distinct()), note);
        }
        finally
        {
            media.Stop();
        }
    }

    private static double Percentile(int[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)] / 1000.0;
}
