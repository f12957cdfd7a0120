using Meurs.Media.Routing;
using Meurs.Media.Rtp;
using Meurs.Media.Sdp;

namespace Meurs.Web.Features.Calls;

/// <summary>One track a participant sends: its Producer in the call's Router and what subscribers need to receive it.</summary>
/// <param name="Producer">The Router's Producer (its id is "<c>connection:mid</c>").</param>
/// <param name="Source">What it carries: <c>mic</c>, <c>camera</c>, <c>screen</c> or <c>screen-audio</c>.</param>
/// <param name="Owner">The participant sending it.</param>
/// <param name="Codec">The negotiated codec and payload type, offered unchanged to subscribers (the SFU does not rewrite payload types).</param>
/// <param name="CodecParameters">The negotiated fmtp parameters, or null.</param>
/// <param name="VideoCodec">For video, the codec whose keyframes the Router must recognise; null for audio.</param>
/// <param name="AudioLevelId">The header extension id of the RFC 6464 audio level in this publisher's packets, or null.</param>
public sealed record PublishedTrack(
    Producer Producer,
    string Source,
    CallPeer Owner,
    SdpRtpMap Codec,
    string? CodecParameters,
    VideoCodec? VideoCodec,
    byte? AudioLevelId);
