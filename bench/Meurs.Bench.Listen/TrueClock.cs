namespace Meurs.Bench.Listen;

/// <summary>
/// The machine's clock as the server reads it (Unix epoch milliseconds, sub-millisecond precision), the ground truth
/// of every figure: Meurs and the bench run on one machine, so the server's <c>updated_at</c> and this clock are the
/// same clock. A model client sees it shifted by its own offset.
/// </summary>
internal static class TrueClock
{
    private static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;

    /// <summary>Now, in Unix epoch milliseconds (CLOCK_REALTIME, 100 ns resolution).</summary>
    public static double NowMs() => (DateTime.UtcNow.Ticks - EpochTicks) / (double)TimeSpan.TicksPerMillisecond;

    /// <summary>Waits until <paramref name="atMs"/> (epoch ms) or returns at once when it has passed.</summary>
    public static Task WaitUntilAsync(double atMs, CancellationToken cancellationToken)
    {
        var wait = atMs - NowMs();
        return wait <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken);
    }
}
