using System.Diagnostics;

namespace Meurs.Bench.Channels;

/// <summary>Percentiles of Stopwatch-tick samples, in milliseconds (nearest rank).</summary>
internal static class Stats
{
    public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    /// <summary>The <paramref name="p"/> quantile (0..1) of <paramref name="sorted"/> in ms; NaN when empty.</summary>
    public static double Percentile(long[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : Ms(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)]);

    public static double MaxMs(long[] sorted) => sorted.Length == 0 ? double.NaN : Ms(sorted[^1]);

    /// <summary>This bench process's own CPU time (user + system), to show what the load generator itself cost.</summary>
    public static TimeSpan OwnCpu() => Process.GetCurrentProcess().TotalProcessorTime;
}
