using System.Buffers.Binary;

namespace Meurs.Media.Srtp;

/// <summary>
/// SrtpPacketLayout finds the parts of RTP and RTCP headers SRTP needs, checking bounds so a
/// hostile packet cannot make the cipher read past it.
/// </summary>
public static class SrtpPacketLayout
{
    /// <summary>RtpFixedHeaderLength is the RTP header without CSRCs or extension (RFC 3550 §5.1).</summary>
    public const int RtpFixedHeaderLength = 12;

    /// <summary>RtcpHeaderLength is the part of an RTCP packet SRTCP leaves in clear: the common
    /// header and the sender SSRC (RFC 3711 §3.4).</summary>
    public const int RtcpHeaderLength = 8;

    /// <summary>
    /// TryGetRtpHeaderLength gives the length of the RTP header in bytes: the fixed 12 bytes,
    /// 4 per CSRC, and the header extension (4-byte preamble plus its length in 32-bit words,
    /// RFC 3550 §5.3.1, which RFC 8285 keeps for one- and two-byte extensions).
    /// </summary>
    /// <returns>False if the packet is not version 2 or the header overruns it.</returns>
    /// <remarks>
    /// <code>
    ///  0                   1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// |V=2|P|X|  CC   |M|     PT      |       sequence number         |
    /// |                           timestamp                           |
    /// |           synchronization source (SSRC) identifier            |
    /// |            contributing source (CSRC) identifiers             | CC times
    /// |  defined by profile           |           length              | if X
    /// |                        header extension                       | length words
    /// </code>
    /// </remarks>
    public static bool TryGetRtpHeaderLength(ReadOnlySpan<byte> packet, out int headerLength)
    {
        headerLength = 0;
        if (packet.Length < RtpFixedHeaderLength || packet[0] >> 6 != 2)
        {
            return false;
        }

        var length = RtpFixedHeaderLength + (4 * (packet[0] & 0x0F));
        if ((packet[0] & 0x10) != 0)
        {
            if (packet.Length < length + 4)
            {
                return false;
            }

            length += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(length + 2)..]));
        }

        if (length > packet.Length)
        {
            return false;
        }

        headerLength = length;
        return true;
    }

    /// <summary>
    /// IsRtcpHeaderSane is true if the packet holds the 8 bytes SRTCP leaves in clear and is
    /// RTP version 2 (RFC 3550 §6.4.1).
    /// </summary>
    public static bool IsRtcpHeaderSane(ReadOnlySpan<byte> packet) =>
        packet.Length >= RtcpHeaderLength && packet[0] >> 6 == 2;
}
