using Meurs.Media.Sdp;

namespace Meurs.Web.Features.Calls;

/// <summary>
/// What the SFU accepts from publishers: Opus, VP8, H.264 (constrained baseline, packetization-mode 1) and VP9 when
/// offered (profile 0), with generic NACK, PLI and transport-wide congestion control feedback; the mid, audio-level
/// and transport-wide sequence number header extensions (RFC 8843, RFC 6464, draft-holmer-rmcat-transport-wide-cc).
/// </summary>
/// <remarks>
/// Transport-cc is negotiated because the SFU answers it: every publisher gets TWCC feedback
/// (<see cref="Meurs.Media.Rtcp.TransportWideCcRecorder"/>) ten times a second, which is what lets the browser's
/// bandwidth estimator ramp its bitrate up.
/// </remarks>
public static class CallMediaCapabilities
{
    /// <summary>The RTCP feedback every video codec gets (RFC 4585 §4.2).</summary>
    public static IReadOnlyList<SdpRtcpFeedback> VideoFeedback { get; } = [new(null, "nack"), new(null, "nack", "pli")];

    /// <summary>Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §4).</summary>
    public static SdpRtcpFeedback TransportCc { get; } = new(null, "transport-cc");

    /// <summary>The publish side's capabilities, in preference order.</summary>
    public static SdpServerCapabilities Publish { get; } = new(
        [
            new SdpCodecCapability("audio", "opus", 48000, 2, "minptime=10;useinbandfec=1", feedback: [TransportCc]),
            new SdpCodecCapability("video", "VP8", 90000, feedback: [.. VideoFeedback, TransportCc]),
            new SdpCodecCapability("video", "H264", 90000,
                requiredParameters: [new("packetization-mode", "1"), new("profile-level-id", "42e01f")], feedback: [.. VideoFeedback, TransportCc]),
            new SdpCodecCapability("video", "VP9", 90000, requiredParameters: [new("profile-id", "0")], feedback: [.. VideoFeedback, TransportCc]),
        ],
        [
            new SdpHeaderExtensionCapability(SdpHeaderExtensionCapability.MidUri),
            new SdpHeaderExtensionCapability(SdpHeaderExtensionCapability.AudioLevelUri, "audio"),
            new SdpHeaderExtensionCapability(SdpHeaderExtensionCapability.TransportWideCcUri),
        ],
        acceptRtx: false);
}
