namespace Meurs.Media.Routing;

/// <summary>
/// RtpPacketInfo is what the <see cref="Router"/> needs to know about a received RTP packet,
/// parsed by the transport from its header (RFC 3550 §5.1), header extensions and payload.
/// </summary>
/// <param name="Ssrc">The SSRC, which names the Producer.</param>
/// <param name="SequenceNumber">The sequence number as sent.</param>
/// <param name="Timestamp">The RTP timestamp as sent.</param>
/// <param name="Marker">The marker bit (last packet of a video frame, start of an audio
/// talkspurt).</param>
/// <param name="IsKeyframe">True when the packet starts (at least) a keyframe, i.e. a decoder
/// can start from it; must be true on the first packet of the keyframe.</param>
/// <param name="PayloadLength">The payload length in bytes, without header, extensions and
/// padding; 0 marks a padding-only packet (bandwidth probing), which the Router drops.</param>
/// <param name="AudioLevel">The RFC 6464 audio level in −dBov (0..127) when the packet carries
/// that extension, otherwise null.</param>
public readonly record struct RtpPacketInfo(
    uint Ssrc,
    ushort SequenceNumber,
    uint Timestamp,
    bool Marker,
    bool IsKeyframe,
    int PayloadLength,
    int? AudioLevel = null);
