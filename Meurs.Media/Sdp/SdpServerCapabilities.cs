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

    /// <summary>
    /// VideoFeedback is the RTCP feedback the SFU handles for video: generic NACK and PLI (RFC 4585 §4.2); the
    /// subscribe offers give each video Consumer exactly this.
    /// </summary>
    public static IReadOnlyList<SdpRtcpFeedback> VideoFeedback => SdpCodecCapability.VideoFeedback;

    /// <summary>
    /// Sfu is what Meurs' calls accept from publishers, the one set production and its tests use: Opus; VP8, H.264
    /// (constrained baseline, packetization-mode 1) and VP9 profile 0, each as <see cref="SdpCodecCapability"/>
    /// defines it, with <see cref="VideoFeedback"/>; transport-cc on everything, because the SFU answers it (every
    /// publisher gets TWCC feedback ten times a second, which lets the browser's bandwidth estimator ramp up); the
    /// mid, audio-level and transport-wide sequence number header extensions (RFC 8843, RFC 6464); no RTX
    /// (Consumers resend the original packets on NACK).
    /// </summary>
    public static SdpServerCapabilities Sfu { get; } = new(
        [SdpCodecCapability.Opus, SdpCodecCapability.Vp8(), SdpCodecCapability.H264(), SdpCodecCapability.Vp9()],
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
}
