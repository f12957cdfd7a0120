using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Meurs.Media.Rtcp;

/// <summary>
/// TransportWideCcFeedback is a transport-wide congestion control feedback packet
/// (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1, RTPFB PT 205 FMT 15): arrival
/// status and times of a range of transport-wide sequence numbers, for send-side bandwidth
/// estimation.
/// </summary>
/// <remarks>
/// The packet statuses are exposed decoded, one <see cref="TransportWideCcPacket"/> per sequence
/// number; the chunk encoding is chosen on write (run-length for runs, one-bit vectors when no
/// large delta is near, two-bit vectors otherwise), which reproduces what libwebrtc sends for
/// typical feedback. Like libwebrtc, the writer aligns the packet with RTCP padding (P bit).
/// </remarks>
public sealed class TransportWideCcFeedback : IRtcpPacket
{
    /// <summary>Format is the FMT value of transport-wide CC feedback.</summary>
    public const int Format = 15;

    /// <summary>ReferenceTimeUnit is the duration of one <see cref="ReferenceTime"/> unit.</summary>
    public static readonly TimeSpan ReferenceTimeUnit = TimeSpan.FromMilliseconds(64);

    private const int FixedFciLength = 8;
    private const int NotReceived = 0;
    private const int SmallDelta = 1;
    private const int LargeDelta = 2;
    private const int MaxRunLength = 0x1FFF;

    /// <summary>SenderSsrc is the SSRC of the packet sender.</summary>
    public uint SenderSsrc { get; init; }

    /// <summary>MediaSsrc is the SSRC of the media source (libwebrtc sends the first media SSRC; the statuses cover all).</summary>
    public uint MediaSsrc { get; init; }

    /// <summary>BaseSequenceNumber is the transport-wide sequence number of the first packet described.</summary>
    public ushort BaseSequenceNumber { get; init; }

    /// <summary>ReferenceTime is a 24-bit signed time in units of 64 ms, on the feedback sender's clock.</summary>
    public int ReferenceTime { get; init; }

    /// <summary>FeedbackPacketCount counts feedback packets sent, modulo 256, so that losses of feedback show.</summary>
    public byte FeedbackPacketCount { get; init; }

    /// <summary>
    /// Packets are the statuses of <see cref="BaseSequenceNumber"/> onward, one per sequence
    /// number in order (at most 65535); the first and last are normally received.
    /// </summary>
    public IReadOnlyList<TransportWideCcPacket> Packets { get; init; } = [];

    /// <summary>
    /// TryParse reads one transport-wide CC feedback packet.
    /// </summary>
    /// <param name="packet">Exactly one RTCP packet.</param>
    /// <param name="feedback">The feedback on success.</param>
    /// <returns>False when the header is malformed, it is not RTPFB FMT 15, the chunks or
    /// deltas run past the packet, or a status symbol is the reserved value 3 (symbols a last
    /// chunk holds beyond the status count are ignored, reserved or not). Never throws;
    /// allocation is bounded by the 16-bit status count.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, [NotNullWhen(true)] out TransportWideCcFeedback? feedback)
    {
        //  0                   1                   2                   3
        //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |V=2|P|  FMT=15 |    PT=205     |           length              |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |                     SSRC of packet sender                     |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |                      SSRC of media source                     |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |      base sequence number     |      packet status count      |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |                 reference time                | fb pkt. count |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |          packet chunk         |         packet chunk          |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // .                                                               .
        // |         packet chunk          |  recv delta   |  recv delta   |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // .                                                               .
        // |           recv delta          |  recv delta   | zero padding  |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        feedback = null;
        if (!RtcpHeader.TryParseFeedback(
                packet, RtcpPacketType.TransportFeedback, Format, out var sender, out var media, out var fci)
            || fci.Length < FixedFciLength)
        {
            return false;
        }

        var baseSequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(fci);
        int count = BinaryPrimitives.ReadUInt16BigEndian(fci[2..]);
        var referenceTime = (int)(BinaryPrimitives.ReadUInt32BigEndian(fci[4..]) & 0xFFFFFF00) >> 8;
        var feedbackPacketCount = fci[7];

        // The 16-bit count bounds what a hostile packet can make this allocate.
        var symbols = new byte[count];
        var offset = FixedFciLength;
        var filled = 0;
        while (filled < count)
        {
            if (fci.Length - offset < 2)
            {
                return false;
            }

            var chunk = BinaryPrimitives.ReadUInt16BigEndian(fci[offset..]);
            offset += 2;
            if (!TryDecodeChunk(chunk, symbols, ref filled))
            {
                return false;
            }
        }

        var packets = new TransportWideCcPacket[count];
        for (var i = 0; i < count; i++)
        {
            var sequenceNumber = (ushort)(baseSequenceNumber + i);
            switch (symbols[i])
            {
                case SmallDelta:
                    if (offset >= fci.Length)
                    {
                        return false;
                    }

                    packets[i] = new TransportWideCcPacket(sequenceNumber, true, fci[offset]);
                    offset += 1;
                    break;
                case LargeDelta:
                    if (fci.Length - offset < 2)
                    {
                        return false;
                    }

                    packets[i] = new TransportWideCcPacket(sequenceNumber, true, BinaryPrimitives.ReadInt16BigEndian(fci[offset..]));
                    offset += 2;
                    break;
                default:
                    packets[i] = new TransportWideCcPacket(sequenceNumber, false, 0);
                    break;
            }
        }

        feedback = new TransportWideCcFeedback
        {
            SenderSsrc = sender,
            MediaSsrc = media,
            BaseSequenceNumber = baseSequenceNumber,
            ReferenceTime = referenceTime,
            FeedbackPacketCount = feedbackPacketCount,
            Packets = packets,
        };
        return true;
    }

    /// <inheritdoc/>
    public int GetLength()
    {
        if (!TryEncode(out var chunks, out var deltaLength))
        {
            return -1;
        }

        var unpadded = RtcpHeader.FeedbackHeaderLength + FixedFciLength + 2 * chunks.Count + deltaLength;
        return RtcpHeader.CheckedLength((unpadded + 3) & ~3);
    }

    /// <inheritdoc/>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (!TryEncode(out var chunks, out var deltaLength))
        {
            return false;
        }

        var unpadded = RtcpHeader.FeedbackHeaderLength + FixedFciLength + 2 * chunks.Count + deltaLength;
        var length = RtcpHeader.CheckedLength((unpadded + 3) & ~3);
        if (length < 0 || length > destination.Length)
        {
            return false;
        }

        var packet = destination[..length];
        var paddingLength = length - unpadded;
        RtcpHeader.WriteFeedback(
            packet, Format, RtcpPacketType.TransportFeedback, length, SenderSsrc, MediaSsrc, paddingLength > 0);
        var fci = packet[RtcpHeader.FeedbackHeaderLength..];
        BinaryPrimitives.WriteUInt16BigEndian(fci, BaseSequenceNumber);
        BinaryPrimitives.WriteUInt16BigEndian(fci[2..], (ushort)Packets.Count);
        BinaryPrimitives.WriteUInt32BigEndian(fci[4..], ((uint)ReferenceTime << 8) | FeedbackPacketCount);
        var offset = FixedFciLength;
        foreach (var chunk in chunks)
        {
            BinaryPrimitives.WriteUInt16BigEndian(fci[offset..], chunk);
            offset += 2;
        }

        foreach (var status in Packets)
        {
            switch (Symbol(status))
            {
                case SmallDelta:
                    fci[offset++] = (byte)status.Delta;
                    break;
                case LargeDelta:
                    BinaryPrimitives.WriteInt16BigEndian(fci[offset..], (short)status.Delta);
                    offset += 2;
                    break;
            }
        }

        if (paddingLength > 0)
        {
            // RFC 3550 §6.4.1 padding, as libwebrtc aligns its feedback: zeros, then the count.
            packet[^paddingLength..].Clear();
            packet[^1] = (byte)paddingLength;
        }

        written = length;
        return true;
    }

    // Run length chunk (§3.1.3):         Status vector chunk (§3.1.4):
    // |T| S |     Run Length      |      |T|S|      symbol list        |
    //  0 2 bits    13 bits                1 1 14 x 1 bit or 7 x 2 bits
    private static bool TryDecodeChunk(ushort chunk, byte[] symbols, ref int filled)
    {
        var remaining = symbols.Length - filled;
        if ((chunk & 0x8000) == 0)
        {
            var symbol = (chunk >> 13) & 0x03;
            var run = Math.Min(chunk & MaxRunLength, remaining);
            if (symbol == 3)
            {
                return false;
            }

            symbols.AsSpan(filled, run).Fill((byte)symbol);
            filled += run;
            return true;
        }

        var twoBit = (chunk & 0x4000) != 0;
        var capacity = twoBit ? 7 : 14;
        var take = Math.Min(capacity, remaining);
        for (var i = 0; i < take; i++)
        {
            var symbol = twoBit ? (chunk >> (12 - 2 * i)) & 0x03 : (chunk >> (13 - i)) & 0x01;
            if (symbol == 3)
            {
                return false;
            }

            symbols[filled + i] = (byte)symbol;
        }

        filled += take;
        return true;
    }

    private static int Symbol(TransportWideCcPacket status) => status switch
    {
        { Received: false } => NotReceived,
        { Delta: >= 0 and <= 255 } => SmallDelta,
        { Delta: >= short.MinValue and <= short.MaxValue } => LargeDelta,
        _ => -1,
    };

    private bool TryEncode(out List<ushort> chunks, out int deltaLength)
    {
        chunks = [];
        deltaLength = 0;
        var count = Packets.Count;
        if (count > ushort.MaxValue)
        {
            return false;
        }

        var symbols = new int[count];
        for (var i = 0; i < count; i++)
        {
            var status = Packets[i];
            symbols[i] = Symbol(status);
            if (symbols[i] < 0 || status.SequenceNumber != (ushort)(BaseSequenceNumber + i))
            {
                return false;
            }

            deltaLength += symbols[i];
        }

        if (ReferenceTime is < -0x800000 or > 0x7FFFFF)
        {
            return false;
        }

        var position = 0;
        while (position < count)
        {
            var remaining = count - position;
            var run = 1;
            while (run < Math.Min(remaining, MaxRunLength) && symbols[position + run] == symbols[position])
            {
                run++;
            }

            var oneBitSpan = Math.Min(14, remaining);
            var fitsOneBit = !symbols.AsSpan(position, oneBitSpan).Contains(LargeDelta);
            if (run >= 14 || run == remaining || (!fitsOneBit && run >= 7))
            {
                chunks.Add((ushort)((symbols[position] << 13) | run));
                position += run;
            }
            else if (fitsOneBit)
            {
                var chunk = 0x8000;
                for (var i = 0; i < oneBitSpan; i++)
                {
                    chunk |= symbols[position + i] << (13 - i);
                }

                chunks.Add((ushort)chunk);
                position += oneBitSpan;
            }
            else
            {
                var take = Math.Min(7, remaining);
                var chunk = 0xC000;
                for (var i = 0; i < take; i++)
                {
                    chunk |= symbols[position + i] << (12 - 2 * i);
                }

                chunks.Add((ushort)chunk);
                position += take;
            }
        }

        return true;
    }
}
