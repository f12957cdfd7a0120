using Meurs.Media.Sdp;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// What the SFU accepts from publishers: Opus, VP8 and H.264 (constrained baseline, packetization-mode 1), with
/// generic NACK and PLI feedback; the mid and audio-level header extensions (RFC 8843, RFC 6464).
/// </summary>
/// <remarks>
/// Transport-wide congestion control is not negotiated yet: it needs TWCC feedback (draft-holmer-rmcat-transport-wide-cc)
/// generated per publisher, and a browser that negotiated it but never got feedback would be flying blind. Without
/// it the browser sends at its starting bitrate, which is plenty for a call on one machine or a LAN.
/// </remarks>
public static class CallMediaCapabilities
{
    /// <summary>The RTCP feedback every video codec gets (RFC 4585 §4.2).</summary>
    public static IReadOnlyList<SdpRtcpFeedback> VideoFeedback { get; } = [new(null, "nack"), new(null, "nack", "pli")];

    /// <summary>The publish side's capabilities, in preference order.</summary>
    public static SdpServerCapabilities Publish { get; } = new(
        [
            new SdpCodecCapability("audio", "opus", 48000, 2, "minptime=10;useinbandfec=1"),
            new SdpCodecCapability("video", "VP8", 90000, feedback: VideoFeedback),
            new SdpCodecCapability("video", "H264", 90000,
                requiredParameters: [new("packetization-mode", "1"), new("profile-level-id", "42e01f")], feedback: VideoFeedback),
        ],
        [
            new SdpHeaderExtensionCapability(SdpHeaderExtensionCapability.MidUri),
            new SdpHeaderExtensionCapability(SdpHeaderExtensionCapability.AudioLevelUri, "audio"),
        ],
        acceptRtx: false);
}
