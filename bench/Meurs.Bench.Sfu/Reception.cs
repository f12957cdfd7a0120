using System.Collections;
using System.Diagnostics;
using Meurs.Media.Rtp;

namespace Meurs.Bench.Sfu;

/// <summary>
/// What one subscriber received of the measured packets: distinct (stream, index) pairs, duplicates, and the
/// send → receive time of each in microseconds. Fed by the bot's receive loop only, read after the drain.
/// </summary>
internal sealed class Reception
{
    private const int MaxIndex = 1 << 17;
    private readonly BitArray?[] seen;
    private readonly bool[] streamSeen;
    private int streamsSeen;

    public Reception(int streams)
    {
        seen = new BitArray?[streams];
        streamSeen = new bool[streams];
    }

    /// <summary>How many streams this subscriber has had at least one stamped packet of (warm-up included).</summary>
    public int StreamsSeen => Volatile.Read(ref streamsSeen);

    public long Received { get; private set; }

    public long Duplicates { get; private set; }

    /// <summary>Packets received that were not stamped as measured (warm-up and tail), or unreadable.</summary>
    public long Other { get; private set; }

    public List<int> LatencyMicroseconds { get; } = new(capacity: 16_384);

    public void OnRtp(ReadOnlySpan<byte> packet, long receivedAt)
    {
        if (!RtpPacket.TryParse(packet, out var rtp) || !SyntheticMedia.TryReadStamp(rtp.Payload, out var stream, out var index, out var measured, out var sent)
            || stream >= seen.Length)
        {
            Other++;
            return;
        }
        if (!streamSeen[stream])
        {
            streamSeen[stream] = true;
            Interlocked.Increment(ref streamsSeen);
        }
        if (!measured || index >= MaxIndex)
        {
            Other++;
            return;
        }
        var bits = seen[stream] ??= new BitArray(MaxIndex);
        if (bits[(int)index])
        {
            Duplicates++;
            return;
        }
        bits[(int)index] = true;
        Received++;
        LatencyMicroseconds.Add((int)Math.Min(int.MaxValue, (receivedAt - sent) * 1_000_000 / Stopwatch.Frequency));
    }
}
