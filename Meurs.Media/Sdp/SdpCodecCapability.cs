namespace Meurs.Media.Sdp;

/// <summary>
/// SdpCodecCapability is one codec the SFU can receive or send, as the JSEP builders match it
/// against an offer: encoding name, clock rate and channels (RFC 8866 §6.6), the fmtp parameters
/// an offered format must carry, the fmtp to answer with, and the RTCP feedback it supports.
/// </summary>
public sealed class SdpCodecCapability
{
    /// <summary>TransportCc is transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §4).</summary>
    public static SdpRtcpFeedback TransportCc { get; } = new(null, "transport-cc");

    /// <summary>VideoFeedback is the feedback the SFU handles for video: generic NACK and PLI (RFC 4585 §4.2).</summary>
    public static IReadOnlyList<SdpRtcpFeedback> VideoFeedback { get; } = [new(null, "nack"), new(null, "nack", "pli")];

    /// <summary>
    /// Creates a capability.
    /// </summary>
    /// <param name="kind">"audio" or "video".</param>
    /// <param name="encodingName">Encoding name, matched case-insensitively, e.g. "VP8".</param>
    /// <param name="clockRate">RTP clock rate in Hz.</param>
    /// <param name="channels">Channel count; null means 1 (RFC 8866 §6.6).</param>
    /// <param name="answerParameters">fmtp text to answer with, or null to echo the offer's
    /// (needed where the answer must repeat the offer, as H.264's profile-level-id).</param>
    /// <param name="requiredParameters">fmtp parameters an offered format must carry with these
    /// values (case-insensitive; absent parameters take their RFC default, e.g.
    /// packetization-mode 0 per RFC 6184 §8.1; for profile-level-id only the profile, the first
    /// two bytes, must match, as the level may differ per RFC 6184 §8.2.2).</param>
    /// <param name="feedback">RTCP feedback supported; payload types in it are ignored.</param>
    /// <exception cref="ArgumentException">A text field is not a token or not line-safe.</exception>
    public SdpCodecCapability(
        string kind,
        string encodingName,
        uint clockRate,
        int? channels = null,
        string? answerParameters = null,
        IEnumerable<KeyValuePair<string, string>>? requiredParameters = null,
        IEnumerable<SdpRtcpFeedback>? feedback = null)
    {
        Kind = SdpText.RequireToken(kind, nameof(kind));
        EncodingName = new SdpRtpMap(0, encodingName, clockRate, channels).EncodingName;
        ClockRate = clockRate;
        Channels = channels;
        AnswerParameters = answerParameters is null ? null : new SdpFmtp(0, answerParameters).Parameters;
        RequiredParameters = (requiredParameters ?? []).ToArray();
        Feedback = (feedback ?? []).ToArray();
    }

    /// <summary>Kind is "audio" or "video".</summary>
    public string Kind { get; }

    /// <summary>EncodingName is the codec name, e.g. "opus".</summary>
    public string EncodingName { get; }

    /// <summary>ClockRate is the RTP clock rate in Hz.</summary>
    public uint ClockRate { get; }

    /// <summary>Channels is the channel count, or null for 1.</summary>
    public int? Channels { get; }

    /// <summary>AnswerParameters is the fmtp text to answer with, or null to echo the offer's.</summary>
    public string? AnswerParameters { get; }

    /// <summary>RequiredParameters are the fmtp parameters an offered format must match.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> RequiredParameters { get; }

    /// <summary>Feedback lists the supported rtcp-fb types and parameters.</summary>
    public IReadOnlyList<SdpRtcpFeedback> Feedback { get; }

    /// <summary>Opus 48000/2 answering "minptime=10;useinbandfec=1" (RFC 7587 §6.1), with
    /// transport-cc.</summary>
    public static SdpCodecCapability Opus { get; } = new(
        "audio", "opus", 48000, 2, "minptime=10;useinbandfec=1", feedback: [TransportCc]);

    /// <summary>
    /// Vp8 is VP8 90000 (RFC 7741) with nack, nack pli, transport-cc and, when asked, goog-remb.
    /// </summary>
    /// <param name="googRemb">Also accept goog-remb (draft-alvestrand-rmcat-remb).</param>
    /// <returns>The capability.</returns>
    public static SdpCodecCapability Vp8(bool googRemb = false) =>
        new("video", "VP8", 90000, feedback: VideoFeedbackWith(googRemb));

    /// <summary>
    /// H264 is H.264 90000 (RFC 6184) accepting only packetization-mode=1 and the constrained
    /// baseline profile (profile-level-id 42e0xx, any level), echoing the offered fmtp.
    /// </summary>
    /// <param name="googRemb">Also accept goog-remb.</param>
    /// <returns>The capability.</returns>
    public static SdpCodecCapability H264(bool googRemb = false) =>
        new("video", "H264", 90000, requiredParameters: [new("packetization-mode", "1"), new("profile-level-id", "42e01f")], feedback: VideoFeedbackWith(googRemb));

    /// <summary>
    /// Vp9 is VP9 90000 (RFC 9628) profile 0 only (profile-id absent or 0), echoing the fmtp.
    /// </summary>
    /// <param name="googRemb">Also accept goog-remb.</param>
    /// <returns>The capability.</returns>
    public static SdpCodecCapability Vp9(bool googRemb = false) =>
        new("video", "VP9", 90000, requiredParameters: [new("profile-id", "0")], feedback: VideoFeedbackWith(googRemb));

    /// <summary>
    /// Matches reports whether an offered format is this codec.
    /// </summary>
    /// <param name="rtpMap">The format's rtpmap.</param>
    /// <param name="fmtp">The format's fmtp, or null when it has none.</param>
    /// <returns>True when name, clock rate, channels and required parameters all match.</returns>
    public bool Matches(SdpRtpMap rtpMap, SdpFmtp? fmtp)
    {
        ArgumentNullException.ThrowIfNull(rtpMap);
        if (!string.Equals(rtpMap.EncodingName, EncodingName, StringComparison.OrdinalIgnoreCase)
            || rtpMap.ClockRate != ClockRate
            || (rtpMap.Channels ?? 1) != (Channels ?? 1))
        {
            return false;
        }

        foreach (var required in RequiredParameters)
        {
            string? offered = null;
            if (fmtp is null || !fmtp.TryGetParameter(required.Key, out offered))
            {
                offered = DefaultParameter(required.Key);
            }

            if (offered is null || !ParameterMatches(required.Key, offered, required.Value))
            {
                return false;
            }
        }

        return true;
    }

    private static SdpRtcpFeedback[] VideoFeedbackWith(bool googRemb) =>
        googRemb ? [.. VideoFeedback, TransportCc, new(null, "goog-remb")] : [.. VideoFeedback, TransportCc];

    // Values a parameter takes when the fmtp omits it.
    private static string? DefaultParameter(string key) => key.ToLowerInvariant() switch
    {
        "packetization-mode" => "0",       // RFC 6184 §8.1
        "profile-level-id" => "42000a",    // RFC 6184 §8.1: Baseline, level 1 (level_idc 10)
        "profile-id" => "0",               // RFC 9628: profile 0 when absent
        _ => null,
    };

    private static bool ParameterMatches(string key, string offered, string required) =>
        string.Equals(key, "profile-level-id", StringComparison.OrdinalIgnoreCase)
            ? offered.Length == 6 && required.Length == 6 && offered.AsSpan(0, 4).Equals(required.AsSpan(0, 4), StringComparison.OrdinalIgnoreCase)
            : string.Equals(offered.Trim(), required, StringComparison.OrdinalIgnoreCase);
}
