namespace Meurs.Media.Rtcp;

/// <summary>
/// ReceptionStatistics is what a receiver keeps about one RTP source to report on it (RFC 3550 §6.4.1, Appendix A.3
/// and A.8): the extended highest sequence number, packets expected and received (cumulative and since the last
/// report, for the fraction lost), the interarrival jitter, and the last Sender Report heard from the source (LSR,
/// DLSR, which let the sender measure the round trip).
/// </summary>
/// <remarks>
/// Thread-safe: packets are counted on the receive thread and reports built on a timer. Times are on one monotonic
/// clock of the caller's (any origin). Unlike Appendix A.1 there is no probation: the SSRC was announced in the SDP.
/// </remarks>
/// <param name="ssrc">The source's SSRC.</param>
/// <param name="clockRate">The source's RTP clock rate in Hz, for the jitter's timestamp units.</param>
public sealed class ReceptionStatistics(uint ssrc, int clockRate)
{
    private readonly Lock gate = new();
    private bool started;
    private ushort maxSequence;
    private uint cycles;
    private uint baseSequence;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private double jitter;
    private double lastTransit;
    private uint lastSenderReport;
    private TimeSpan lastSenderReportAt;

    /// <summary>Ssrc is the source's SSRC.</summary>
    public uint Ssrc { get; } = ssrc;

    /// <summary>Received is the number of packets counted (duplicates included, as in Appendix A.3).</summary>
    public long Received
    {
        get
        {
            lock (gate)
            {
                return received;
            }
        }
    }

    /// <summary>Counts an RTP packet of this source.</summary>
    /// <param name="sequenceNumber">Its sequence number.</param>
    /// <param name="timestamp">Its RTP timestamp.</param>
    /// <param name="arrival">When it arrived.</param>
    public void OnPacket(ushort sequenceNumber, uint timestamp, TimeSpan arrival)
    {
        lock (gate)
        {
            if (!started)
            {
                started = true;
                baseSequence = sequenceNumber;
                maxSequence = sequenceNumber;
            }
            else
            {
                var delta = (ushort)(sequenceNumber - maxSequence);
                if (delta is > 0 and < 0x8000)
                {
                    if (sequenceNumber < maxSequence)
                    {
                        cycles += 1 << 16; // wrapped forward
                    }
                    maxSequence = sequenceNumber;
                }
            }
            received++;

            // Appendix A.8: transit time in timestamp units; its variation smoothed with gain 1/16.
            var transit = (arrival.TotalSeconds * clockRate) - timestamp;
            if (received > 1)
            {
                var d = Math.Abs(transit - lastTransit);
                // A timestamp wrap or a new timeline looks like a huge jump: not jitter.
                if (d < clockRate * 10.0)
                {
                    jitter += (d - jitter) / 16;
                }
            }
            lastTransit = transit;
        }
    }

    /// <summary>Records a Sender Report of this source, for the LSR and DLSR of the next reports.</summary>
    /// <param name="ntpTimestamp">The report's 64-bit NTP timestamp.</param>
    /// <param name="arrival">When it arrived.</param>
    public void OnSenderReport(ulong ntpTimestamp, TimeSpan arrival)
    {
        lock (gate)
        {
            lastSenderReport = (uint)(ntpTimestamp >> 16); // the middle 32 bits (§6.4.1)
            lastSenderReportAt = arrival;
        }
    }

    /// <summary>
    /// TryReport builds the report block for now and starts a new interval for the fraction lost.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <param name="report">The block, when true.</param>
    /// <returns>False before the first packet.</returns>
    public bool TryReport(TimeSpan now, out ReceptionReport report)
    {
        lock (gate)
        {
            if (!started)
            {
                report = default;
                return false;
            }
            var extendedMax = cycles + maxSequence;
            var expected = (long)extendedMax - baseSequence + 1;
            var expectedInterval = expected - expectedPrior;
            var receivedInterval = received - receivedPrior;
            var lostInterval = expectedInterval - receivedInterval;
            expectedPrior = expected;
            receivedPrior = received;
            var fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
            var lost = Math.Clamp(expected - received, ReceptionReport.MinCumulativeLost, ReceptionReport.MaxCumulativeLost);
            // DLSR in 1/65536 s (§6.4.1), 0 when no Sender Report was heard.
            var delay = lastSenderReport == 0 ? 0u : (uint)Math.Min(uint.MaxValue, (now - lastSenderReportAt).TotalSeconds * 65536);
            report = new ReceptionReport(Ssrc, (byte)fraction, (int)lost, extendedMax, (uint)jitter, lastSenderReport, delay);
            return true;
        }
    }
}
