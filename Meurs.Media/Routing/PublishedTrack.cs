using Meurs.Media.Rtp;
using Meurs.Media.Sdp;

namespace Meurs.Media.Routing;

/// <summary>
/// PublishedTrack is one track a <see cref="Peer"/> sends: its <see cref="Routing.Producer"/> in the session's
/// <see cref="Router"/>, and what subscribers need to receive it (the negotiated codec, offered to them unchanged: the
/// SFU does not rewrite payload types).
/// </summary>
/// <param name="Producer">The Router's Producer; its id is "<c>peer-id:mid</c>".</param>
/// <param name="Owner">The peer sending it.</param>
/// <param name="Label">What it carries, as the application named it (a call's <c>mic</c>, <c>camera</c>, …); it
/// ends the msid stream id of subscribers' offers.</param>
/// <param name="Codec">The negotiated codec and payload type.</param>
/// <param name="CodecParameters">The negotiated fmtp parameters, or null.</param>
/// <param name="VideoCodec">For video, the codec whose keyframes must be recognised; null for audio.</param>
/// <param name="AudioLevelId">The header extension id of the RFC 6464 audio level in the publisher's packets, or
/// null when it was not negotiated.</param>
public sealed record PublishedTrack(
    Producer Producer,
    Peer Owner,
    string Label,
    SdpRtpMap Codec,
    string? CodecParameters,
    VideoCodec? VideoCodec,
    byte? AudioLevelId)
{
    /// <summary>Kind is the Producer's kind, audio or video.</summary>
    public MediaKind Kind => Producer.Kind;
}
