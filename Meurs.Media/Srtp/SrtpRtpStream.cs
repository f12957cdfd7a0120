namespace Meurs.Media.Srtp;

/// <summary>
/// SrtpRtpStream is the per-SSRC SRTP state: rollover counter, highest sequence number and, for
/// received streams, the replay window (RFC 3711 §3.2.1, §3.3.1).
/// </summary>
internal sealed class SrtpRtpStream
{
    private bool hasSequence;
    private ushort highestSequence;

    public SrtpRtpStream(uint rolloverCounter) => RolloverCounter = rolloverCounter;

    public uint RolloverCounter { get; private set; }

    public SrtpReplayWindow Window { get; } = new();

    /// <summary>
    /// EstimateIndex guesses the 48-bit index i = 2^16 * v + SEQ of a packet, picking v among
    /// ROC - 1, ROC and ROC + 1 as the one closest to the highest sequence number seen
    /// (RFC 3711 §3.3.1, Appendix A).
    /// </summary>
    public ulong EstimateIndex(ushort sequence) => Estimate(hasSequence, RolloverCounter, highestSequence, sequence);

    /// <summary>
    /// Update advances ROC and s_l once the packet with <paramref name="index"/> is authenticated
    /// (receiver) or sent (sender).
    /// </summary>
    public void Update(ulong index)
    {
        var roc = (uint)(index >> 16);
        var sequence = (ushort)index;
        if (!hasSequence || roc > RolloverCounter || (roc == RolloverCounter && sequence > highestSequence))
        {
            hasSequence = true;
            RolloverCounter = roc;
            highestSequence = sequence;
        }
    }

    public static ulong Estimate(bool hasSequence, uint rolloverCounter, ushort highestSequence, ushort sequence)
    {
        long v = rolloverCounter;
        if (hasSequence)
        {
            if (highestSequence < 0x8000)
            {
                if (sequence - highestSequence > 0x8000)
                {
                    v--;
                }
            }
            else if (highestSequence - 0x8000 > sequence)
            {
                v++;
            }
        }

        // ROC 0 has no predecessor: a sequence number that far "behind" is ahead instead, and a
        // ROC past 2^32 - 1 cannot be expressed (the stream must be rekeyed long before).
        v = Math.Clamp(v, 0, uint.MaxValue);
        return ((ulong)v << 16) | sequence;
    }
}
