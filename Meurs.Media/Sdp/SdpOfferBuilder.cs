using System.Globalization;

namespace Meurs.Media.Sdp;

/// <summary>
/// SdpOfferBuilder writes the SFU's offer on the subscribe connection (JSEP, RFC 8829 §5.2):
/// one sendonly m-section per Consumer, all in one BUNDLE group, the SFU ICE-lite with its host
/// candidates and a=setup:actpass (the client, answering, picks active and becomes the DTLS
/// client, RFC 8842 §5.1).
/// </summary>
/// <remarks>
/// The first m-section is the BUNDLE tag and carries the shared transport (RFC 8843 §7.2.1), so it is
/// never rejected: once its Consumer stops it stays bundled as an inactive section without SSRCs
/// (mediasoup-client's <c>disableMediaSection</c> does the same). Rejecting it would leave an offer
/// whose every section is at port 0 without a BUNDLE group, which a browser using max-bundle
/// refuses ("max-bundle is used but no bundle group found"). Any other stopped section is rejected
/// with port 0 and leaves the group (RFC 8829 §5.2.2).
/// </remarks>
public sealed class SdpOfferBuilder
{
    private readonly SdpLocalTransport _transport;

    /// <summary>
    /// Creates a builder.
    /// </summary>
    /// <param name="transport">The SFU's ICE credentials, fingerprint and candidates.</param>
    public SdpOfferBuilder(SdpLocalTransport transport)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
    }

    /// <summary>SessionId is the o= session id, kept across renegotiations; random by default.</summary>
    public ulong SessionId { get; init; } = SdpAnswerBuilder.NewSessionId();

    /// <summary>SessionVersion is the o= version; raise it by one for each new offer (RFC 8829 §5.2.2).</summary>
    public ulong SessionVersion { get; init; } = 1;

    /// <summary>
    /// Build writes the offer. Keep earlier m-sections in place (stopped ones included) across
    /// renegotiations: JSEP forbids reordering or removing m-lines (RFC 8829 §5.2.2).
    /// </summary>
    /// <param name="media">The m-sections, in m-line order; at most
    /// <see cref="SessionDescription.MaxMediaDescriptions"/>.</param>
    /// <returns>The offer.</returns>
    /// <exception cref="ArgumentException">Mids repeat or there are too many sections.</exception>
    public SessionDescription Build(IEnumerable<SdpOfferMedia> media)
    {
        ArgumentNullException.ThrowIfNull(media);
        var sections = media.ToArray();
        if (sections.Length > SessionDescription.MaxMediaDescriptions)
        {
            throw new ArgumentException($"At most {SessionDescription.MaxMediaDescriptions} m-sections.", nameof(media));
        }

        if (sections.Select(s => s.Mid).Distinct(StringComparer.Ordinal).Count() != sections.Length)
        {
            throw new ArgumentException("Mids must be unique (RFC 5888 §4).", nameof(media));
        }

        var offer = new SessionDescription(new SdpOrigin("-", SessionId, SessionVersion, "IN", "IP4", "127.0.0.1"));
        offer.AddAttribute("ice-lite");
        var bundled = sections.Where((s, index) => index == 0 || !s.Stopped).Select(s => s.Mid).ToArray();
        if (bundled.Length > 0)
        {
            offer.Attributes.Add(new SdpGroup(SdpGroup.Bundle, bundled).ToAttribute());
        }

        offer.AddAttribute("msid-semantic", "WMS *");
        for (var index = 0; index < sections.Length; index++)
        {
            var section = sections[index];
            offer.MediaDescriptions.Add(section.Stopped && index == 0 ? WriteDisabled(section) : Write(section));
        }

        return offer;
    }

    private MediaDescription Write(SdpOfferMedia section)
    {
        var pt = section.Codec.PayloadType;
        var formats = section.RtxPayloadType is { } rtxPt ? new[] { pt, rtxPt } : [pt];
        var media = new MediaDescription(
            section.Kind,
            section.Stopped ? 0 : 9,
            MediaDescription.RtpProtocol,
            formats.Select(f => f.ToString(CultureInfo.InvariantCulture)));
        media.Connections.Add(SdpConnection.Placeholder);
        if (section.Stopped)
        {
            media.AddAttribute("mid", section.Mid);
            media.Direction = SdpDirection.Inactive;
            return media;
        }

        _transport.AddCredentials(media, SdpSetupRole.ActPass);
        media.AddAttribute("mid", section.Mid);
        foreach (var extmap in section.HeaderExtensions)
        {
            media.Attributes.Add(extmap.ToAttribute());
        }

        media.Direction = SdpDirection.SendOnly;
        media.Attributes.Add(section.Msid.ToAttribute());
        media.AddAttribute("rtcp-mux");
        if (section.Kind == "video")
        {
            media.AddAttribute("rtcp-rsize");
        }

        media.Attributes.Add(section.Codec.ToAttribute());
        foreach (var feedback in section.Feedback)
        {
            media.Attributes.Add(feedback.ToAttribute());
        }

        if (section.CodecParameters is not null)
        {
            media.Attributes.Add(new SdpFmtp(pt, section.CodecParameters).ToAttribute());
        }

        var msid = section.Msid.ToString();
        if (section.RtxPayloadType is { } rtx && section.RtxSsrc is { } rtxSsrc)
        {
            media.Attributes.Add(new SdpRtpMap(rtx, "rtx", section.Codec.ClockRate).ToAttribute());
            media.Attributes.Add(new SdpFmtp(rtx, "apt=" + pt.ToString(CultureInfo.InvariantCulture)).ToAttribute());
            media.Attributes.Add(new SdpSsrcGroup(SdpSsrcGroup.FlowIdentification, [section.Ssrc, rtxSsrc]).ToAttribute());
            AddSsrc(media, section.Ssrc, section.Cname, msid);
            AddSsrc(media, rtxSsrc, section.Cname, msid);
        }
        else
        {
            AddSsrc(media, section.Ssrc, section.Cname, msid);
        }

        _transport.AddCandidates(media);
        return media;
    }

    // The stopped BUNDLE tag: still the transport's home (credentials, rtcp-mux, candidates), sending nothing.
    private MediaDescription WriteDisabled(SdpOfferMedia section)
    {
        var media = new MediaDescription(section.Kind, 9, MediaDescription.RtpProtocol, [section.Codec.PayloadType.ToString(CultureInfo.InvariantCulture)]);
        media.Connections.Add(SdpConnection.Placeholder);
        _transport.AddCredentials(media, SdpSetupRole.ActPass);
        media.AddAttribute("mid", section.Mid);
        media.Direction = SdpDirection.Inactive;
        media.AddAttribute("rtcp-mux");
        media.Attributes.Add(section.Codec.ToAttribute());
        _transport.AddCandidates(media);
        return media;
    }

    private static void AddSsrc(MediaDescription media, uint ssrc, string cname, string msid)
    {
        media.Attributes.Add(new SdpSsrc(ssrc, "cname", cname).ToAttribute());
        media.Attributes.Add(new SdpSsrc(ssrc, "msid", msid).ToAttribute());
    }
}
