namespace Meurs.Media.Rtp;

/// <summary>
/// VideoCodec names the video payload formats whose keyframes <see cref="KeyframeDetector"/> can
/// recognise; the payload type to codec mapping comes from SDP (a=rtpmap).
/// </summary>
public enum VideoCodec
{
    /// <summary>Vp8 is VP8 carried per RFC 7741.</summary>
    Vp8,

    /// <summary>Vp9 is VP9 carried per RFC 9628 (draft-ietf-payload-vp9).</summary>
    Vp9,

    /// <summary>H264 is H.264 carried per RFC 6184 (packetization mode 0 or 1).</summary>
    H264,
}
