namespace Meurs.Media.Transport;

/// <summary>
/// PacketKind is the protocol a datagram on the shared media port belongs to, as decided by
/// <see cref="PacketClassifier.Classify(System.ReadOnlySpan{byte})"/> from its first byte
/// (RFC 7983 §7, which updates RFC 5764 §5.1.2) and, for RTP/RTCP, its second byte (RFC 5761 §4).
/// </summary>
/// <remarks>
/// <see cref="Zrtp"/> and <see cref="TurnChannel"/> have their own values rather than folding into
/// <see cref="Unknown"/> so that the transport can count and log them separately: Meurs is an
/// ICE-lite SFU that neither speaks ZRTP nor relays TURN, so both are dropped, but seeing them on
/// the port says something different about the peer than random bytes do.
/// </remarks>
public enum PacketKind
{
    /// <summary>
    /// Unknown is a datagram that must be dropped (RFC 7983 §7): its first byte is in no assigned
    /// range (4..15, 80..127, 192..255), or it is too short or malformed for the kind its first
    /// byte names, or it is empty.
    /// </summary>
    Unknown = 0,

    /// <summary>
    /// Stun is a STUN message (RFC 8489 §5): first byte 0..3, at least the 20-byte header, the two
    /// most significant bits zero and the magic cookie 0x2112A442 at bytes 4..7. Goes to ICE.
    /// </summary>
    Stun,

    /// <summary>
    /// Zrtp is a ZRTP packet (RFC 6189 §5): first byte 16..19, at least the 12-byte header and the
    /// magic cookie "ZRTP" (0x5A525450) at bytes 4..7. Meurs does not key media with ZRTP, so the
    /// transport drops these.
    /// </summary>
    Zrtp,

    /// <summary>
    /// Dtls is a DTLS record (RFC 6347 §4.1): first byte 20..63 (the content type) and at least the
    /// 13-byte record header. Goes to the DTLS endpoint, which validates the rest.
    /// </summary>
    Dtls,

    /// <summary>
    /// TurnChannel is TURN ChannelData (RFC 8656 §12.4): first byte 64..79 (channel numbers
    /// 0x4000..0x4FFF), a 4-byte header and at least as many bytes as its Length field claims.
    /// Only a TURN server consumes these, so the transport drops them.
    /// </summary>
    TurnChannel,

    /// <summary>
    /// Rtp is an RTP packet (RFC 3550 §5.1): first byte 128..191 (version 2), at least the 12-byte
    /// fixed header, and a payload type outside 64..95. Goes to SRTP decryption.
    /// </summary>
    Rtp,

    /// <summary>
    /// Rtcp is an RTCP packet multiplexed on the RTP port (RFC 5761 §4): first byte 128..191
    /// (version 2), at least 8 bytes (header and sender SSRC), and a second byte whose low seven
    /// bits are 64..95 (packet types 192..223). Goes to SRTCP decryption.
    /// </summary>
    Rtcp,
}
