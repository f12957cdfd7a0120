namespace Meurs.Media.Sdp;

/// <summary>
/// SdpHeaderExtensionCapability is an RTP header extension (RFC 8285) the SFU reads or writes,
/// by URI, for one media kind or both.
/// </summary>
/// <param name="Uri">The extension URI.</param>
/// <param name="Kind">"audio", "video", or null for both.</param>
public sealed record SdpHeaderExtensionCapability(string Uri, string? Kind = null)
{
    /// <summary>urn:ietf:params:rtp-hdrext:sdes:mid (RFC 8843 §15): routes RTP to its m-section.</summary>
    public const string MidUri = "urn:ietf:params:rtp-hdrext:sdes:mid";

    /// <summary>urn:ietf:params:rtp-hdrext:ssrc-audio-level (RFC 6464): drives active speaker.</summary>
    public const string AudioLevelUri = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

    /// <summary>abs-send-time (webrtc.org experiment): send time for REMB estimation.</summary>
    public const string AbsSendTimeUri = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";

    /// <summary>transport-wide sequence numbers (draft-holmer-rmcat-transport-wide-cc-extensions-01).</summary>
    public const string TransportWideCcUri = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

    /// <summary>
    /// AppliesTo reports whether this capability covers a media kind.
    /// </summary>
    /// <param name="kind">"audio" or "video".</param>
    /// <returns>True when <see cref="Kind"/> is null or equal.</returns>
    public bool AppliesTo(string kind) => Kind is null || Kind == kind;
}
