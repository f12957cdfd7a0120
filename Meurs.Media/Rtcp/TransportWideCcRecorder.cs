namespace Meurs.Media.Rtcp;

/// <summary>
/// The receive side of transport-wide congestion control (draft-holmer-rmcat-transport-wide-cc-extensions-01): records
/// when each packet carrying a transport-wide sequence number arrived, and turns what was recorded since the last
/// feedback into a <see cref="TransportWideCcFeedback"/> for the sender's bandwidth estimator (libwebrtc's GoogCC).
/// </summary>
/// <remarks>
/// <para>
/// Sequence numbers are unwrapped to 64 bits so reports stay in order across the 16-bit wrap. A packet arriving after
/// the feedback that covered its number is ignored (the sender already counts it as lost; a late report would
/// contradict that). Arrival times are quantized once, against the feedback's reference time (64 ms units, §3.1), so
/// the 250 µs deltas add up exactly instead of drifting by a rounding error per packet.
/// </para>
/// <para>Thread-safe: packets are recorded on the receive thread and feedback is built on a timer.</para>
/// </remarks>
public sealed class TransportWideCcRecorder
{
    /// <summary>Most packets one feedback reports; more wait for the next one.</summary>
    public const int MaxPacketsPerFeedback = 500;

    /// <summary>Most arrivals kept between two feedbacks; beyond it the oldest are forgotten (the sender counts them lost).</summary>
    public const int MaxPending = 4096;

    private static readonly long TicksPerDelta = TransportWideCcPacket.DeltaUnit.Ticks;
    private static readonly long TicksPerReference = TransportWideCcFeedback.ReferenceTimeUnit.Ticks;

    private readonly Lock gate = new();
    private readonly SortedDictionary<long, TimeSpan> pending = [];
    private long highest = -1;
    private long nextToReport = -1;
    private byte feedbackCount;

    /// <summary>Records that the packet with transport-wide sequence number <paramref name="sequenceNumber"/> arrived at <paramref name="arrival"/>.</summary>
    /// <param name="sequenceNumber">The 16-bit number from the packet's header extension.</param>
    /// <param name="arrival">Arrival time on a monotonic clock (any origin, the same for every call).</param>
    public void Record(ushort sequenceNumber, TimeSpan arrival)
    {
        lock (gate)
        {
            var unwrapped = Unwrap(sequenceNumber);
            if (unwrapped < nextToReport || pending.ContainsKey(unwrapped))
            {
                return;
            }
            pending[unwrapped] = arrival;
            if (pending.Count > MaxPending)
            {
                pending.Remove(pending.Keys.First());
            }
        }
    }

    /// <summary>
    /// Builds the feedback for what arrived since the last one, from the lowest unreported sequence number to the
    /// highest received, lost packets included; null when nothing new arrived.
    /// </summary>
    /// <param name="senderSsrc">Our SSRC in the RTCP header.</param>
    /// <param name="mediaSsrc">One SSRC of the sender's media (the field is not used for routing, §3.1).</param>
    public TransportWideCcFeedback? BuildFeedback(uint senderSsrc, uint mediaSsrc)
    {
        lock (gate)
        {
            if (pending.Count == 0)
            {
                return null;
            }
            var first = pending.Keys.First();
            // Lost packets between the last report and the first arrival are reported too: the sender learns of loss.
            var start = nextToReport >= 0 && nextToReport < first && first - nextToReport < MaxPacketsPerFeedback ? nextToReport : first;
            var firstArrival = pending[first];
            var referenceTime = firstArrival.Ticks / TicksPerReference;
            var referenceTicks = referenceTime * TicksPerReference;
            var packets = new List<TransportWideCcPacket>();
            var previous = 0L; // quantized time of the previous received packet, in delta units from the reference
            var end = start;
            for (var sequence = start; sequence <= highest && packets.Count < MaxPacketsPerFeedback; sequence++)
            {
                if (!pending.TryGetValue(sequence, out var arrival))
                {
                    packets.Add(new TransportWideCcPacket((ushort)sequence, Received: false, Delta: 0));
                    end = sequence + 1;
                    continue;
                }
                var quantized = (arrival.Ticks - referenceTicks) / TicksPerDelta;
                var delta = quantized - previous;
                if (delta is < short.MinValue or > short.MaxValue)
                {
                    break; // too far from the previous arrival for two bytes: the next feedback starts here
                }
                packets.Add(new TransportWideCcPacket((ushort)sequence, Received: true, Delta: (int)delta));
                previous = quantized;
                pending.Remove(sequence);
                end = sequence + 1;
            }
            // Trailing losses are not reported: they may still arrive, and a feedback ends with a received packet.
            while (packets.Count > 0 && !packets[^1].Received)
            {
                packets.RemoveAt(packets.Count - 1);
                end--;
            }
            if (packets.Count == 0)
            {
                return null;
            }
            nextToReport = end;
            return new TransportWideCcFeedback
            {
                SenderSsrc = senderSsrc,
                MediaSsrc = mediaSsrc,
                BaseSequenceNumber = (ushort)start,
                ReferenceTime = (int)(referenceTime & 0x7FFFFF), // 24-bit signed on the wire; our clock only grows
                FeedbackPacketCount = feedbackCount++,
                Packets = packets,
            };
        }
    }

    // Under the lock: the 64-bit number nearest to the highest seen (RFC 3550 Appendix A.1's reasoning for 16 bits).
    private long Unwrap(ushort sequenceNumber)
    {
        if (highest < 0)
        {
            highest = sequenceNumber;
            return highest;
        }
        var candidate = (highest & ~0xFFFFL) | sequenceNumber;
        if (candidate < highest - 0x8000)
        {
            candidate += 0x10000;
        }
        else if (candidate > highest + 0x8000 && candidate >= 0x10000)
        {
            candidate -= 0x10000;
        }
        highest = Math.Max(highest, candidate);
        return candidate;
    }
}
