using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;

namespace Meurs.Media.Sdp;

/// <summary>
/// SdpAnswerBuilder answers a client's offer on the publish connection (JSEP, RFC 8829 §5.3).
/// The answer keeps every offered m-section, in order and with its mid (RFC 8829 §5.3.1); RTP
/// sections the SFU can take are accepted with the offer's payload type numbers and header
/// extension ids, the rest are rejected with port 0. The SFU is ICE-lite (RFC 8445 §2.5) and the
/// DTLS server (a=setup:passive, RFC 8842 §5.1), and requires BUNDLE (RFC 8843) and rtcp-mux
/// (RFC 5761) for every accepted section.
/// </summary>
public sealed class SdpAnswerBuilder
{
    private readonly SdpServerCapabilities _capabilities;
    private readonly SdpLocalTransport _transport;

    /// <summary>
    /// Creates a builder.
    /// </summary>
    /// <param name="capabilities">What the SFU supports.</param>
    /// <param name="transport">The SFU's ICE credentials, fingerprint and candidates.</param>
    public SdpAnswerBuilder(SdpServerCapabilities capabilities, SdpLocalTransport transport)
    {
        _capabilities = capabilities ?? throw new ArgumentNullException(nameof(capabilities));
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
    }

    /// <summary>SessionId is the o= session id; random 62-bit by default (RFC 8829 §5.2.1).</summary>
    public ulong SessionId { get; init; } = NewSessionId();

    /// <summary>SessionVersion is the o= version; raise it for each new answer in the session.</summary>
    public ulong SessionVersion { get; init; } = 1;

    /// <summary>
    /// ServerSends is false on the publish connection, where the SFU only receives: an offered
    /// sendrecv is answered recvonly and recvonly is answered inactive. True mirrors fully
    /// (RFC 3264 §6.1).
    /// </summary>
    public bool ServerSends { get; init; }

    /// <summary>
    /// NewSessionId draws a random session id below 2^62 (RFC 8829 §5.2.1).
    /// </summary>
    /// <returns>The id.</returns>
    public static ulong NewSessionId()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadUInt64BigEndian(bytes) >> 2;
    }

    /// <summary>
    /// TryBuild answers an offer.
    /// </summary>
    /// <param name="offer">The client's parsed offer.</param>
    /// <param name="answer">The answer, or null when false.</param>
    /// <param name="error">Null on success, else why no answer can be given.</param>
    /// <returns>False when the offer has no m-section, an m-section without a=mid or a repeated
    /// mid, no BUNDLE group, no ICE credentials or fingerprint, or a=setup other than actpass or
    /// active.</returns>
    public bool TryBuild(SessionDescription offer, [NotNullWhen(true)] out SessionDescription? answer, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(offer);
        answer = null;
        if (offer.MediaDescriptions.Count == 0)
        {
            error = "The offer has no m-sections; there is nothing to answer.";
            return false;
        }

        var mids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < offer.MediaDescriptions.Count; i++)
        {
            var mid = offer.MediaDescriptions[i].Mid;
            if (mid is null)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"m-section {i + 1} of the offer has no a=mid; unified plan needs one on each (RFC 8829 §5.2.1).");
                return false;
            }

            if (!mids.Add(mid))
            {
                error = $"The offer repeats a=mid:{mid}; mids must be unique (RFC 5888 §4).";
                return false;
            }
        }

        var bundle = offer.BundleGroup;
        if (bundle is null || bundle.Mids.Count == 0)
        {
            error = "The offer has no a=group:BUNDLE; the SFU carries all media on one transport (RFC 8843).";
            return false;
        }

        if (!SdpRemoteParameters.TryExtract(offer, out var remote, out error))
        {
            return false;
        }

        if (remote.Setup is SdpSetupRole.Passive or SdpSetupRole.HoldConn)
        {
            error = $"The offer has a=setup:{remote.Setup.Value.ToToken()}; the SFU is the DTLS server, so the offerer must be actpass or active (RFC 8842 §5.1).";
            return false;
        }

        var sections = offer.MediaDescriptions.Select(m => Accept(offer, m, bundle) ?? Reject(m)).ToArray();
        answer = new SessionDescription(new SdpOrigin("-", SessionId, SessionVersion, "IN", "IP4", "127.0.0.1"));
        answer.AddAttribute("ice-lite");
        var accepted = bundle.Mids.Where(mid => sections.Any(s => !s.IsRejected && s.Mid == mid)).ToArray();
        if (accepted.Length > 0)
        {
            answer.Attributes.Add(new SdpGroup(SdpGroup.Bundle, accepted).ToAttribute());
        }

        foreach (var section in sections)
        {
            answer.MediaDescriptions.Add(section);
        }

        error = null;
        return true;
    }

    // A rejected m-section: port 0, same media and formats, a=mid only (RFC 8829 §5.3.1).
    private static MediaDescription Reject(MediaDescription offered)
    {
        var media = new MediaDescription(offered.Kind, 0, offered.Protocol, offered.Formats);
        media.Connections.Add(SdpConnection.Placeholder);
        media.AddAttribute("mid", offered.Mid!);
        return media;
    }

    private static bool IsSupportedProtocol(string protocol) =>
        protocol is MediaDescription.RtpProtocol or "TCP/DTLS/RTP/SAVPF";

    private MediaDescription? Accept(SessionDescription offer, MediaDescription offered, SdpGroup bundle)
    {
        var mid = offered.Mid!;
        if (offered.IsRejected || offered.Kind is not ("audio" or "video") || !IsSupportedProtocol(offered.Protocol)
            || !bundle.Mids.Contains(mid) || !offered.RtcpMux)
        {
            return null;
        }

        var codecs = ChooseCodecs(offered);
        if (codecs.Count == 0)
        {
            return null;
        }

        var formats = codecs.SelectMany(c => c.Rtx is null
            ? [c.RtpMap.PayloadType]
            : new[] { c.RtpMap.PayloadType, c.Rtx.PayloadType }).Select(pt => pt.ToString(CultureInfo.InvariantCulture));
        var media = new MediaDescription(offered.Kind, 9, offered.Protocol, formats);
        media.Connections.Add(SdpConnection.Placeholder);
        _transport.AddCredentials(media, SdpSetupRole.Passive);
        media.AddAttribute("mid", mid);
        foreach (var extmap in ChooseExtmaps(offered))
        {
            media.Attributes.Add(extmap.ToAttribute());
        }

        media.Direction = Mirror(offer.GetDirection(offered));
        media.AddAttribute("rtcp-mux");
        if (offered.RtcpReducedSize)
        {
            media.AddAttribute("rtcp-rsize");
        }

        foreach (var codec in codecs)
        {
            AddCodec(media, codec);
        }

        _transport.AddCandidates(media);
        return media;
    }

    private static void AddCodec(MediaDescription media, ChosenCodec codec)
    {
        var pt = codec.RtpMap.PayloadType;
        media.Attributes.Add(codec.RtpMap.ToAttribute());
        foreach (var feedback in codec.Feedback)
        {
            media.Attributes.Add(feedback.ToAttribute());
        }

        if (codec.Parameters is not null)
        {
            media.Attributes.Add(new SdpFmtp(pt, codec.Parameters).ToAttribute());
        }

        if (codec.Rtx is not null)
        {
            media.Attributes.Add(codec.Rtx.ToAttribute());
            media.Attributes.Add(new SdpFmtp(codec.Rtx.PayloadType, "apt=" + pt.ToString(CultureInfo.InvariantCulture)).ToAttribute());
        }
    }

    // For each capability in preference order, the first offered format (in m= order) that
    // matches it; one payload type per codec keeps the SFU's codec table simple.
    private List<ChosenCodec> ChooseCodecs(MediaDescription offered)
    {
        var rtpMaps = offered.RtpMaps;
        var fmtps = offered.Fmtps;
        var chosen = new List<ChosenCodec>();
        foreach (var capability in _capabilities.Codecs.Where(c => c.Kind == offered.Kind))
        {
            foreach (var format in offered.Formats)
            {
                if (!SdpText.TryParseInt32(format, 0, 127, out var pt)
                    || rtpMaps.FirstOrDefault(r => r.PayloadType == pt) is not { } rtpMap
                    || chosen.Any(c => c.RtpMap.PayloadType == pt))
                {
                    continue;
                }

                var fmtp = fmtps.FirstOrDefault(f => f.PayloadType == pt);
                if (!capability.Matches(rtpMap, fmtp))
                {
                    continue;
                }

                var offeredFeedback = offered.GetRtcpFeedbacks(pt);
                var feedback = capability.Feedback
                    .Where(f => offeredFeedback.Any(o => string.Equals(o.Type, f.Type, StringComparison.OrdinalIgnoreCase)
                        && string.Equals(o.Parameter, f.Parameter, StringComparison.OrdinalIgnoreCase)))
                    .Select(f => new SdpRtcpFeedback(pt, f.Type, f.Parameter))
                    .ToArray();
                var rtx = _capabilities.AcceptRtx ? FindRtx(rtpMaps, fmtps, rtpMap) : null;
                chosen.Add(new ChosenCodec(rtpMap, capability.AnswerParameters ?? fmtp?.Parameters, feedback, rtx));
                break;
            }
        }

        return chosen;
    }

    // RFC 4588 §8: the rtx format whose apt names the codec's payload type.
    private static SdpRtpMap? FindRtx(IReadOnlyList<SdpRtpMap> rtpMaps, IReadOnlyList<SdpFmtp> fmtps, SdpRtpMap codec)
    {
        var apt = codec.PayloadType.ToString(CultureInfo.InvariantCulture);
        foreach (var rtpMap in rtpMaps)
        {
            if (string.Equals(rtpMap.EncodingName, "rtx", StringComparison.OrdinalIgnoreCase)
                && rtpMap.ClockRate == codec.ClockRate
                && fmtps.FirstOrDefault(f => f.PayloadType == rtpMap.PayloadType) is { } fmtp
                && fmtp.TryGetParameter("apt", out var value)
                && value == apt)
            {
                return rtpMap;
            }
        }

        return null;
    }

    // Offered extensions the SFU supports, with the offer's ids (RFC 8285 §6: the answerer
    // keeps the offerer's ids). The direction is dropped: the SFU handles them both ways.
    private IEnumerable<SdpExtmap> ChooseExtmaps(MediaDescription offered)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var extmap in offered.Extmaps)
        {
            if (extmap.Direction is not SdpDirection.Inactive
                && _capabilities.HeaderExtensions.Any(h => h.Uri == extmap.Uri && h.AppliesTo(offered.Kind))
                && seen.Add(extmap.Uri))
            {
                yield return new SdpExtmap(extmap.Id, extmap.Uri);
            }
        }
    }

    private SdpDirection Mirror(SdpDirection offered) => offered switch
    {
        SdpDirection.SendOnly => SdpDirection.RecvOnly,
        SdpDirection.SendRecv => ServerSends ? SdpDirection.SendRecv : SdpDirection.RecvOnly,
        SdpDirection.RecvOnly => ServerSends ? SdpDirection.SendOnly : SdpDirection.Inactive,
        _ => SdpDirection.Inactive,
    };

    private sealed record ChosenCodec(SdpRtpMap RtpMap, string? Parameters, IReadOnlyList<SdpRtcpFeedback> Feedback, SdpRtpMap? Rtx);
}
