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

    /// <summary>Codecs in preference order.</summary>
    public IReadOnlyList<SdpCodecCapability> Codecs { get; }

    /// <summary>HeaderExtensions supported.</summary>
    public IReadOnlyList<SdpHeaderExtensionCapability> HeaderExtensions { get; }

    /// <summary>AcceptRtx is true when offered RTX formats are kept for accepted codecs.</summary>
    public bool AcceptRtx { get; }

    /// <summary>
    /// CreateDefault gives the SFU's set: Opus; VP8, H.264 (packetization-mode 1, constrained
    /// baseline), VP9 profile 0; RTX; mid, ssrc-audio-level (audio), abs-send-time and
    /// transport-wide-cc.
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
