using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Meurs.Media.Rtcp;

/// <summary>
/// GenericNack is an RTCP generic NACK (RFC 4585 §6.2.1, RTPFB PT 205 FMT 1): the receiver asks
/// the sender of <see cref="MediaSsrc"/> to retransmit the listed packets.
/// </summary>
public sealed class GenericNack : IRtcpPacket
{
    /// <summary>Format is the FMT value of a generic NACK.</summary>
    public const int Format = 1;

    /// <summary>SenderSsrc is the SSRC of the packet sender.</summary>
    public uint SenderSsrc { get; init; }

    /// <summary>MediaSsrc is the SSRC of the media source whose packets are missing.</summary>
    public uint MediaSsrc { get; init; }

    /// <summary>Pairs are the FCI entries; at least one.</summary>
    public IReadOnlyList<NackPair> Pairs { get; init; } = [];

    /// <summary>
    /// FromLostSequenceNumbers builds a NACK that asks for exactly the given packets, packing
    /// each run of up to 17 numbers into one PID+BLP pair.
    /// </summary>
    /// <param name="senderSsrc">The SSRC of the packet sender.</param>
    /// <param name="mediaSsrc">The SSRC of the media source.</param>
    /// <param name="lost">Lost sequence numbers in sending order (wrapping past 65535 is fine);
    /// duplicates are ignored.</param>
    public static GenericNack FromLostSequenceNumbers(uint senderSsrc, uint mediaSsrc, IEnumerable<ushort> lost)
    {
        ArgumentNullException.ThrowIfNull(lost);
        var pairs = new List<NackPair>();
        foreach (var sequenceNumber in lost)
        {
            if (pairs.Count > 0)
            {
                var last = pairs[^1];
                var distance = (ushort)(sequenceNumber - last.PacketId);
                if (distance == 0)
                {
                    continue;
                }

                if (distance <= 16)
                {
                    pairs[^1] = last with { LostBitmask = (ushort)(last.LostBitmask | (1 << (distance - 1))) };
                    continue;
                }
            }

            pairs.Add(new NackPair(sequenceNumber, 0));
        }

        return new GenericNack { SenderSsrc = senderSsrc, MediaSsrc = mediaSsrc, Pairs = pairs };
    }

    /// <summary>
    /// GetLostSequenceNumbers expands the pairs into the sequence numbers they name, pair by
    /// pair, each PID followed by its BLP bits in increasing order.
    /// </summary>
    public IReadOnlyList<ushort> GetLostSequenceNumbers()
    {
        var lost = new List<ushort>(Pairs.Count * 2);
        foreach (var pair in Pairs)
        {
            lost.Add(pair.PacketId);
            for (var bit = 0; bit < 16; bit++)
            {
                if ((pair.LostBitmask & (1 << bit)) != 0)
                {
                    lost.Add((ushort)(pair.PacketId + bit + 1));
                }
            }
        }

        return lost;
    }

    /// <summary>
    /// TryParse reads one generic NACK.
    /// </summary>
    /// <param name="packet">Exactly one RTCP packet.</param>
    /// <param name="nack">The NACK on success.</param>
    /// <returns>False when the header is malformed, it is not RTPFB FMT 1, or the FCI is empty
    /// or not whole 4-byte pairs. Never throws.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, [NotNullWhen(true)] out GenericNack? nack)
    {
        //  0                   1                   2                   3
        //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |V=2|P|  FMT=1  |    PT=205     |          length               |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |                  SSRC of packet sender                        |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |                  SSRC of media source                         |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |            PID                |             BLP               |  x N
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        nack = null;
        if (!RtcpHeader.TryParseFeedback(
                packet, RtcpPacketType.TransportFeedback, Format, out var sender, out var media, out var fci)
            || fci.IsEmpty || fci.Length % 4 != 0)
        {
            return false;
        }

        var pairs = new NackPair[fci.Length / 4];
        for (var i = 0; i < pairs.Length; i++)
        {
            pairs[i] = new NackPair(
                BinaryPrimitives.ReadUInt16BigEndian(fci[(4 * i)..]),
                BinaryPrimitives.ReadUInt16BigEndian(fci[(4 * i + 2)..]));
        }

        nack = new GenericNack { SenderSsrc = sender, MediaSsrc = media, Pairs = pairs };
        return true;
    }

    /// <inheritdoc/>
    public int GetLength() =>
        Pairs.Count == 0 ? -1 : RtcpHeader.CheckedLength(RtcpHeader.FeedbackHeaderLength + 4 * Pairs.Count);

    /// <inheritdoc/>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        var length = GetLength();
        if (length < 0 || length > destination.Length)
        {
            return false;
        }

        RtcpHeader.WriteFeedback(destination, Format, RtcpPacketType.TransportFeedback, length, SenderSsrc, MediaSsrc);
        var offset = RtcpHeader.FeedbackHeaderLength;
        foreach (var pair in Pairs)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], pair.PacketId);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], pair.LostBitmask);
            offset += 4;
        }

        written = length;
        return true;
    }
}
