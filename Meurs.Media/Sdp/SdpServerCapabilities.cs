namespace Meurs.Media.Sdp;

/// <summary>
/// SdpServerCapabilities is what the SFU supports, in preference order: codecs, RTP header
/// extensions, and whether it takes RTX (RFC 4588) alongside a codec.
/// </summary>
public sealed class SdpServerCapabilities
{
    /// <summary>
    /// Creates a capability set.
    /// </summary>
    /// <param name="codecs">Codecs in preference order (the answer lists them in this order).</param>
    /// <param name="headerExtensions">Supported header extensions.</param>
    /// <param name="acceptRtx">Accept an offered rtx format bound (apt=) to an accepted codec.</param>
    public SdpServerCapabilities(IEnumerable<SdpCodecCapability> codecs, IEnumerable<SdpHeaderExtensionCapability> headerExtensions, bool acceptRtx = true)
    {
        ArgumentNullException.ThrowIfNull(codecs);
        ArgumentNullException.ThrowIfNull(headerExtensions);
        Codecs = codecs.ToArray();
        HeaderExtensions = headerExtensions.ToArray();
        AcceptRtx = acceptRtx;
    }

    /// <summary>The RTCP feedback every video codec of <see cref="Sfu"/> gets: generic NACK and PLI (RFC 4585 §4.2).</summary>
    public static IReadOnlyList<SdpRtcpFeedback> VideoFeedback { get; } = [new(null, "nack"), new(null, "nack", "pli")];

    /// <summary>Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §4).</summary>
    public static SdpRtcpFeedback TransportCc { get; } = new(null, "transport-cc");

    /// <summary>
    /// Sfu is what Meurs' calls accept from publishers, the one set production and its tests use: Opus; VP8, H.264
    /// (constrained baseline, packetization-mode 1) and VP9 profile 0 with <see cref="VideoFeedback"/>; transport-cc
    /// on everything, because the SFU answers it (every publisher gets TWCC feedback ten times a second, which lets
    /// the browser's bandwidth estimator ramp up); the mid, audio-level and transport-wide sequence number header
    /// extensions (RFC 8843, RFC 6464); no RTX (Consumers resend the original packets on NACK).
    /// </summary>
    public static SdpServerCapabilities Sfu { get; } = new(
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

    /// <summary>Codecs in preference order.</summary>
    public IReadOnlyList<SdpCodecCapability> Codecs { get; }

    /// <summary>HeaderExtensions supported.</summary>
    public IReadOnlyList<SdpHeaderExtensionCapability> HeaderExtensions { get; }

    /// <summary>AcceptRtx is true when offered RTX formats are kept for accepted codecs.</summary>
    public bool AcceptRtx { get; }

    /// <summary>
    /// CreateDefault gives a fuller set than <see cref="Sfu"/>, for a media server that also takes
    /// RTX, abs-send-time and (optionally) goog-remb: Opus; VP8, H.264 (packetization-mode 1,
    /// constrained baseline), VP9 profile 0; RTX; mid, ssrc-audio-level (audio), abs-send-time and
    /// transport-wide-cc. Meurs' calls use <see cref="Sfu"/>.
    /// </summary>
    /// <param name="googRemb">Also negotiate goog-remb feedback for video.</param>
    /// <returns>The capability set.</returns>
    public static SdpServerCapabilities CreateDefault(bool googRemb = false) => new(
        [SdpCodecCapability.Opus, SdpCodecCapability.Vp8(googRemb), SdpCodecCapability.H264(googRemb), SdpCodecCapability.Vp9(googRemb)],
        [
            new(SdpHeaderExtensionCapability.MidUri),
            new(SdpHeaderExtensionCapability.AudioLevelUri, "audio"),
            new(SdpHeaderExtensionCapability.AbsSendTimeUri),
            new(SdpHeaderExtensionCapability.TransportWideCcUri),
        ]);
}
