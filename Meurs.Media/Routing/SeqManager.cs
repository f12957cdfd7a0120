namespace Meurs.Media.Routing;

/// <summary>
/// SeqManager maps the 16-bit RTP sequence numbers a Producer sends (input) to the ones one
/// Consumer receives (output, RFC 3550 §5.1), so that the Consumer's stream stays gapless where
/// the SFU chose to drop packets, and continues at the last output + 1 when the source changes.
/// </summary>
/// <remarks>
/// <para>
/// Inputs are unwrapped to 64 bits relative to the highest input seen (RFC 3550 Appendix A.1:
/// the nearest of the candidates 2^16 apart), so wrap-around at 65536 needs no special case and
/// a forward jump of up to 32767 reads as newer. An input maps to
/// <c>input + offset - (deliberate drops older than it)</c>, which is a pure function of the input
/// for as long as it is inside the window: a packet that arrives out of order or twice gets the
/// same output each time, and a packet lost upstream stays a gap downstream, so that the receiver
/// NACKs it and the SFU can forward the NACK. Only packets passed to <see cref="Drop"/> close up.
/// </para>
/// <para>
/// Memory is bounded by the window: drops older than the window are folded into the offset (every
/// input still accepted is newer than them), so at most <see cref="Window"/> drops are held.
/// Not thread-safe; the <see cref="Router"/> calls it under its lock.
/// </para>
/// <para>After mediasoup's <c>RTC::SeqManager</c> (Input/Drop/Sync); the code is Meurs' own.</para>
/// </remarks>
public sealed class SeqManager
{
    /// <summary>
    /// DefaultWindow is the default reorder window in packets: about 1 s of 720p video at
    /// ~1,000 packets/s, far more than the reordering seen on real paths.
    /// </summary>
    public const int DefaultWindow = 1024;

    /// <summary>
    /// MaxWindow is the largest window allowed: half the sequence space, beyond which "older" and
    /// "newer" can no longer be told apart (RFC 1982 serial number arithmetic).
    /// </summary>
    public const int MaxWindow = 32768;

    private const long Modulus = 1L << 16;

    private readonly long[] dropped;
    private int droppedHead;
    private int droppedCount;

    // Extended (unwrapped) input and output numbers; only their low 16 bits reach the wire.
    private bool anchored;
    private long highestInput;
    private long floorInput;
    private long offset;
    private long highestOutput;
    private ushort? restartProbe;

    /// <summary>
    /// Creates a SeqManager whose first accepted input maps to <paramref name="initialOutput"/>.
    /// </summary>
    /// <param name="initialOutput">The first output sequence number; RFC 3550 §5.1 says it
    /// SHOULD be random.</param>
    /// <param name="window">How many sequence numbers behind the highest input a packet may be
    /// and still be mapped, 1..<see cref="MaxWindow"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is outside
    /// 1..<see cref="MaxWindow"/>.</exception>
    public SeqManager(ushort initialOutput, int window = DefaultWindow)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, MaxWindow);
        Window = window;
        dropped = new long[window];
        highestOutput = initialOutput - 1L;
    }

    /// <summary>
    /// Window is the reorder window in packets: an input this many or more behind the highest
    /// input is rejected as too old.
    /// </summary>
    public int Window { get; }

    /// <summary>
    /// HasOutput is true once at least one input has been mapped.
    /// </summary>
    public bool HasOutput { get; private set; }

    /// <summary>
    /// HighestOutput is the newest output sequence number produced so far, or the initial output
    /// minus one before the first.
    /// </summary>
    public ushort HighestOutput => (ushort)highestOutput;

    /// <summary>
    /// Input maps a received sequence number to the one to send.
    /// </summary>
    /// <param name="input">The sequence number as the Producer sent it.</param>
    /// <param name="output">The sequence number to write into the Consumer's copy; 0 when the
    /// method returns false.</param>
    /// <returns>
    /// False when the packet must not be sent: it is <see cref="Window"/> or more behind the
    /// highest input (too old to map safely, e.g. a late duplicate), it is older than the input
    /// given to the last <see cref="Sync"/> (it belongs before the switch), or it was dropped with
    /// <see cref="Drop"/> (its number was given to the next packet).
    /// </returns>
    /// <remarks>
    /// The first call after construction or <see cref="Sync"/> cannot fail. When two inputs in a
    /// row are both too old and consecutive (the second is the first + 1), the sender is taken to
    /// have restarted its numbering, as RFC 3550 Appendix A.1 does: the second one is synced on
    /// and sent as <see cref="HighestOutput"/> + 1.
    /// </remarks>
    public bool Input(ushort input, out ushort output)
    {
        output = 0;
        if (!anchored)
        {
            Sync(input);
        }

        var extended = Unwrap(input);
        if (extended <= highestInput - Window)
        {
            // RFC 3550 Appendix A.1: two consecutive packets this far off mean the sender restarted
            // its numbering (same SSRC), not two ancient duplicates; without this the stream would
            // stall until the new numbers caught up with the old ones.
            if (!restartProbe.HasValue || restartProbe.Value != input)
            {
                restartProbe = (ushort)(input + 1);
                return false;
            }

            Sync(input);
            extended = Unwrap(input);
        }

        if (extended < floorInput || extended <= highestInput - Window)
        {
            return false;
        }

        restartProbe = null;
        if (extended > highestInput)
        {
            highestInput = extended;
            FoldOldDrops();
        }

        var below = CountDroppedBelow(extended, out var isDropped);
        if (isDropped)
        {
            return false;
        }

        var mapped = extended + offset - below;
        if (mapped > highestOutput)
        {
            highestOutput = mapped;
        }

        HasOutput = true;
        output = (ushort)mapped;
        return true;
    }

    /// <summary>
    /// Drop records that the SFU deliberately does not send this input (padding-only packets, a
    /// discarded layer), so that every later input maps one lower and the receiver sees no gap.
    /// </summary>
    /// <param name="input">The sequence number as the Producer sent it.</param>
    /// <returns>
    /// True when the drop was absorbed. False when <paramref name="input"/> is not newer than
    /// every input seen: newer packets already went out with numbers that count it, so the only
    /// way to avoid a gap is to send it after all (call <see cref="Input"/>), or accept the gap.
    /// </returns>
    public bool Drop(ushort input)
    {
        if (!anchored)
        {
            Sync(input);
        }

        var extended = Unwrap(input);
        if (extended <= highestInput || extended < floorInput)
        {
            return false;
        }

        highestInput = extended;
        FoldOldDrops();
        dropped[(droppedHead + droppedCount) % dropped.Length] = extended;
        droppedCount++;
        return true;
    }

    /// <summary>
    /// Sync starts a new input numbering (a new Producer, another simulcast layer, a resume):
    /// <paramref name="input"/> will map to <see cref="HighestOutput"/> + 1 and inputs older than
    /// it are rejected from then on.
    /// </summary>
    /// <param name="input">The first sequence number of the new source that will be sent,
    /// usually that of the keyframe the Consumer switches on.</param>
    public void Sync(ushort input)
    {
        // A fresh epoch keeps every extended value non-negative even for late inputs.
        var extended = Modulus + input;
        anchored = true;
        floorInput = extended;
        highestInput = extended - 1;
        offset = highestOutput + 1 - extended;
        droppedHead = 0;
        droppedCount = 0;
        restartProbe = null;
    }

    private long Unwrap(ushort input)
    {
        var delta = (short)(ushort)(input - (ushort)highestInput);
        return highestInput + delta;
    }

    // A drop at or below highest - window is older than every input that can still be accepted,
    // so it shifts all of them: fold it into the offset and forget it.
    private void FoldOldDrops()
    {
        var oldestAcceptable = highestInput - Window + 1;
        while (droppedCount > 0 && dropped[droppedHead] < oldestAcceptable)
        {
            droppedHead = (droppedHead + 1) % dropped.Length;
            droppedCount--;
            offset--;
        }
    }

    // Drops are appended in increasing order (only inputs newer than all others are dropped), so
    // the ring is sorted and a binary search counts the ones below an input.
    private int CountDroppedBelow(long extended, out bool isDropped)
    {
        int low = 0, high = droppedCount;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (dropped[(droppedHead + middle) % dropped.Length] < extended)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        isDropped = low < droppedCount && dropped[(droppedHead + low) % dropped.Length] == extended;
        return low;
    }
}
