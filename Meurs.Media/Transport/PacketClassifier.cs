using System.Buffers.Binary;

namespace Meurs.Media.Transport;

/// <summary>
/// PacketClassifier demultiplexes the datagrams arriving on the one UDP port that carries STUN,
/// DTLS and SRTP/SRTCP for every peer (RFC 7983 §7).
/// </summary>
/// <remarks>
/// It checks just enough of each header that the handler chosen can index that header without
/// bounds checks of its own; the handlers still validate the rest (attributes, record bodies,
/// CSRC lists, extensions, lengths) because a classifier that parsed fully would parse twice.
/// </remarks>
public static class PacketClassifier
{
    /// <summary>
    /// StunHeaderLength is the size of the STUN message header in bytes (RFC 8489 §5).
    /// </summary>
    public const int StunHeaderLength = 20;

    /// <summary>
    /// StunMagicCookie is the fixed value of STUN header bytes 4..7, big-endian (RFC 8489 §5).
    /// </summary>
    public const uint StunMagicCookie = 0x2112A442;

    /// <summary>
    /// ZrtpHeaderLength is the size of the ZRTP packet header in bytes (RFC 6189 §5).
    /// </summary>
    public const int ZrtpHeaderLength = 12;

    /// <summary>
    /// ZrtpMagicCookie is the fixed value of ZRTP header bytes 4..7, ASCII "ZRTP" big-endian
    /// (RFC 6189 §5).
    /// </summary>
    public const uint ZrtpMagicCookie = 0x5A525450;

    /// <summary>
    /// DtlsRecordHeaderLength is the size of the DTLS 1.0/1.2 record header in bytes: type (1),
    /// version (2), epoch (2), sequence number (6), length (2) (RFC 6347 §4.1).
    /// </summary>
    public const int DtlsRecordHeaderLength = 13;

    /// <summary>
    /// TurnChannelDataHeaderLength is the size of the TURN ChannelData header in bytes: channel
    /// number (2), length (2) (RFC 8656 §12.4).
    /// </summary>
    public const int TurnChannelDataHeaderLength = 4;

    /// <summary>
    /// RtpFixedHeaderLength is the size of the RTP fixed header in bytes, without CSRCs or
    /// extensions (RFC 3550 §5.1).
    /// </summary>
    public const int RtpFixedHeaderLength = 12;

    /// <summary>
    /// RtcpMinimumLength is the smallest RTCP packet in bytes: the 4-byte common header and the
    /// sender SSRC (RFC 3550 §6.4; RFC 4585 §6.1 for feedback).
    /// </summary>
    public const int RtcpMinimumLength = 8;

    /// <summary>
    /// Classify names the protocol of one received UDP datagram.
    /// </summary>
    /// <param name="packet">The whole UDP payload, starting at its first byte; any length,
    /// including empty.</param>
    /// <returns>
    /// The <see cref="PacketKind"/> whose header is present and well formed, or
    /// <see cref="PacketKind.Unknown"/> when the first byte is in no RFC 7983 range or the header
    /// that range requires is short or malformed; RFC 7983 §7 says such packets are dropped.
    /// </returns>
    /// <remarks>Never throws and never allocates; safe on hostile input.</remarks>
    public static PacketKind Classify(ReadOnlySpan<byte> packet)
    {
        if (packet.IsEmpty)
        {
            return PacketKind.Unknown;
        }

        // RFC 7983 §7, Figure 3: the DTLS-SRTP receiver's packet demultiplexing algorithm.
        //
        //                     +----------------+
        //                     |        [0..3] -+--> forward to STUN
        //                     |                |
        //                     |      [16..19] -+--> forward to ZRTP
        //                     |                |
        //         packet -->  |      [20..63] -+--> forward to DTLS
        //                     |                |
        //                     |      [64..79] -+--> forward to TURN Channel
        //                     |                |
        //                     |    [128..191] -+--> forward to RTP/RTCP
        //                     +----------------+
        //
        // Every other first byte matches no range and the packet "MUST be dropped".
        return packet[0] switch
        {
            <= 3 => ClassifyStun(packet),
            >= 16 and <= 19 => ClassifyZrtp(packet),
            >= 20 and <= 63 => ClassifyDtls(packet),
            >= 64 and <= 79 => ClassifyTurnChannel(packet),
            >= 128 and <= 191 => ClassifyRtpOrRtcp(packet),
            _ => PacketKind.Unknown,
        };
    }

    // RFC 8489 §5: the top two bits are zero (which the 0..3 range already guarantees) and the
    // cookie is what tells a STUN message from other traffic starting with 0..3.
    private static PacketKind ClassifyStun(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < StunHeaderLength)
        {
            return PacketKind.Unknown;
        }

        return BinaryPrimitives.ReadUInt32BigEndian(packet[4..]) == StunMagicCookie
            ? PacketKind.Stun
            : PacketKind.Unknown;
    }

    // RFC 6189 §5: the cookie sits where STUN's does, so the same check is the cheap proof.
    private static PacketKind ClassifyZrtp(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < ZrtpHeaderLength)
        {
            return PacketKind.Unknown;
        }

        return BinaryPrimitives.ReadUInt32BigEndian(packet[4..]) == ZrtpMagicCookie
            ? PacketKind.Zrtp
            : PacketKind.Unknown;
    }

    // Meurs negotiates DTLS 1.2 (RFC 6347), whose records all carry the full 13-byte header; the
    // DTLS 1.3 unified header (RFC 9147 §4), which may be shorter, is never offered. The record
    // length and version are left to OpenSSL, which must check them anyway.
    private static PacketKind ClassifyDtls(ReadOnlySpan<byte> packet) =>
        packet.Length >= DtlsRecordHeaderLength ? PacketKind.Dtls : PacketKind.Unknown;

    // RFC 8656 §12.6: a datagram shorter than the length it claims is silently discarded; over
    // UDP the padding to 4 bytes is optional (§12.5), so longer is fine.
    private static PacketKind ClassifyTurnChannel(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < TurnChannelDataHeaderLength)
        {
            return PacketKind.Unknown;
        }

        int claimed = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        return packet.Length - TurnChannelDataHeaderLength >= claimed
            ? PacketKind.TurnChannel
            : PacketKind.Unknown;
    }

    // The 128..191 range is exactly the bit pattern 10xxxxxx, i.e. version 2 in both RTP and
    // RTCP (RFC 3550 §5.1, §6.4.1), so the range test is the version test. RFC 5761 §4 splits the
    // two on the second byte: RTP with rtcp-mux may not use payload types 64..95, so those values
    // of the low seven bits (RTCP packet types 192..223 once the marker bit is set) mean RTCP.
    // The mask, rather than "second byte 192..223", matches what browsers' own demultiplexers do,
    // so a payload type 64..95 without marker bit (forbidden RTP) goes to RTCP and fails there.
    private static PacketKind ClassifyRtpOrRtcp(ReadOnlySpan<byte> packet)
    {
        if (packet.Length < 2)
        {
            return PacketKind.Unknown;
        }

        int payloadType = packet[1] & 0x7F;
        if (payloadType is >= 64 and <= 95)
        {
            return packet.Length >= RtcpMinimumLength ? PacketKind.Rtcp : PacketKind.Unknown;
        }

        return packet.Length >= RtpFixedHeaderLength ? PacketKind.Rtp : PacketKind.Unknown;
    }
}
