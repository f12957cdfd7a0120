namespace Meurs.Media.Sdp;

/// <summary>
/// SdpOfferMedia describes one m-section of the subscribe offer: one Consumer's track as the SFU
/// sends it, with its codec and payload type, SSRCs (RFC 5576) and msid (RFC 8830).
/// </summary>
public sealed class SdpOfferMedia
{
    /// <summary>
    /// Creates an m-section description.
    /// </summary>
    /// <param name="mid">The m-section's mid, a token, unique in the offer.</param>
    /// <param name="codec">Codec and payload type; its media kind is <paramref name="kind"/>.</param>
    /// <param name="kind">"audio" or "video".</param>
    /// <param name="ssrc">The SSRC the SFU sends the media with.</param>
    /// <param name="cname">The RTCP CNAME (RFC 3550 §6.5.1) for a=ssrc cname.</param>
    /// <param name="msid">Stream and track ids the client's ontrack will see.</param>
    /// <param name="codecParameters">fmtp text for the codec, or null.</param>
    /// <param name="feedback">rtcp-fb entries for the codec (their payload types are ignored).</param>
    /// <param name="headerExtensions">Header extensions with the ids the SFU writes.</param>
    /// <param name="rtxPayloadType">RTX payload type (RFC 4588), or null for no RTX.</param>
    /// <param name="rtxSsrc">RTX SSRC; required exactly when rtxPayloadType is given.</param>
    /// <param name="stopped">True for a finished Consumer whose m-section stays as port 0 so
    /// m-line order is preserved (RFC 8829 §5.2.2).</param>
    /// <exception cref="ArgumentException">A field is invalid or RTX is half given.</exception>
    public SdpOfferMedia(
        string mid,
        string kind,
        SdpRtpMap codec,
        uint ssrc,
        string cname,
        SdpMsid msid,
        string? codecParameters = null,
        IEnumerable<SdpRtcpFeedback>? feedback = null,
        IEnumerable<SdpExtmap>? headerExtensions = null,
        int? rtxPayloadType = null,
        uint? rtxSsrc = null,
        bool stopped = false)
    {
        Mid = SdpText.RequireToken(mid, nameof(mid));
        Kind = SdpText.RequireToken(kind, nameof(kind));
        Codec = codec ?? throw new ArgumentNullException(nameof(codec));
        Ssrc = ssrc;
        Cname = SdpText.RequireToken(cname, nameof(cname));
        Msid = msid ?? throw new ArgumentNullException(nameof(msid));
        CodecParameters = codecParameters is null ? null : new SdpFmtp(codec.PayloadType, codecParameters).Parameters;
        Feedback = (feedback ?? []).Select(f => new SdpRtcpFeedback(codec.PayloadType, f.Type, f.Parameter)).ToArray();
        HeaderExtensions = (headerExtensions ?? []).ToArray();
        if (rtxPayloadType.HasValue != rtxSsrc.HasValue)
        {
            throw new ArgumentException("RTX needs both a payload type and an SSRC.", nameof(rtxSsrc));
        }

        if (rtxPayloadType is { } rtx && (rtx is < 0 or > 127 || rtx == codec.PayloadType))
        {
            throw new ArgumentException("The RTX payload type must be 0..127 and differ from the codec's.", nameof(rtxPayloadType));
        }

        RtxPayloadType = rtxPayloadType;
        RtxSsrc = rtxSsrc;
        Stopped = stopped;
    }

    /// <summary>Mid is the m-section's mid.</summary>
    public string Mid { get; }

    /// <summary>Kind is "audio" or "video".</summary>
    public string Kind { get; }

    /// <summary>Codec is the single codec offered, with its payload type.</summary>
    public SdpRtpMap Codec { get; }

    /// <summary>Ssrc is the media SSRC.</summary>
    public uint Ssrc { get; }

    /// <summary>Cname is the CNAME written on each a=ssrc.</summary>
    public string Cname { get; }

    /// <summary>Msid is the stream and track id.</summary>
    public SdpMsid Msid { get; }

    /// <summary>CodecParameters is the codec's fmtp text, or null.</summary>
    public string? CodecParameters { get; }

    /// <summary>Feedback is the codec's rtcp-fb, bound to its payload type.</summary>
    public IReadOnlyList<SdpRtcpFeedback> Feedback { get; }

    /// <summary>HeaderExtensions are the extmaps offered.</summary>
    public IReadOnlyList<SdpExtmap> HeaderExtensions { get; }

    /// <summary>RtxPayloadType is the RTX payload type, or null.</summary>
    public int? RtxPayloadType { get; }

    /// <summary>RtxSsrc is the RTX SSRC, or null.</summary>
    public uint? RtxSsrc { get; }

    /// <summary>Stopped marks a finished Consumer: port 0, a=inactive, out of BUNDLE; or, for the first
    /// section (the BUNDLE tag), a=inactive without SSRCs and still bundled.</summary>
    public bool Stopped { get; }
}
