namespace Meurs.Bench.Battery;

/// <summary>
/// SequenceTracker checks one client's view of its room's <c>seq</c> numbers, which increase by one per event within
/// a room (README: "seq increases strictly within a room"). Starting after the last seq of the client's history frame,
/// every event must arrive exactly once and in order. A seq that skips ahead opens a gap; a seq at or below the last
/// one either fills a gap (out of order) or repeats one already seen (duplicate). Only the open gaps are remembered.
/// Not thread-safe: one client's receive loop calls it.
/// </summary>
internal sealed class SequenceTracker
{
    private const int MaxRemembered = 10_000;
    private readonly HashSet<long> missing = [];
    private long overflow;

    public long? Last { get; private set; }

    public long Events { get; private set; }

    public long Duplicates { get; private set; }

    public long OutOfOrder { get; private set; }

    /// <summary>Events skipped and never received (so far).</summary>
    public long Gaps => missing.Count + overflow;

    /// <summary>Starts from the history's last seq (0 for a room with no visible history).</summary>
    public void Start(long lastInHistory) => Last ??= lastInHistory;

    public void Observe(long seq)
    {
        Events++;
        if (Last is not { } last)
        {
            Last = seq;
            return;
        }
        if (seq > last)
        {
            for (var missed = last + 1; missed < seq; missed++)
            {
                if (missing.Count < MaxRemembered)
                {
                    missing.Add(missed);
                }
                else
                {
                    overflow++;
                }
            }
            Last = seq;
        }
        else if (missing.Remove(seq))
        {
            OutOfOrder++;
        }
        else
        {
            Duplicates++;
        }
    }

    /// <summary>Counts as gaps the events after <see cref="Last"/> up to the room's last seq that never arrived.</summary>
    public long TailGap(long roomLast) => Last is { } last && roomLast > last ? roomLast - last : 0;
}
