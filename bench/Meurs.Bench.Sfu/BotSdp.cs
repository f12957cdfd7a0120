using System.Globalization;
using System.Net;
using System.Text;
using Meurs.Media.Dtls;
using Meurs.Media.Sdp;

namespace Meurs.Bench.Sfu;

/// <summary>
/// The bots' side of SDP: a publisher's offer (one sendonly m-section, BUNDLE, rtcp-mux, the bot's host candidate,
/// a=setup:actpass, a=ssrc) the way a browser writes one, and a subscriber's answer (recvonly for every live
/// m-section of the SFU's offer, first codec only, a=setup:active). The remote side is read with Meurs.Media.Sdp.
/// </summary>
internal static class BotSdp
{
    public const int VideoPayloadType = 96;
    public const int AudioPayloadType = 111;

    /// <summary>A browser-like publish offer for one track of <paramref name="kind"/> ("audio" or "video").</summary>
    public static string PublishOffer(RtcBot bot, string kind, uint ssrc)
    {
        var pt = kind == "video" ? VideoPayloadType : AudioPayloadType;
        var sdp = new StringBuilder();
        Session(sdp, ["0"]);
        sdp.Append(CultureInfo.InvariantCulture, $"m={kind} 9 UDP/TLS/RTP/SAVPF {pt}\r\n");
        sdp.Append("c=IN IP4 0.0.0.0\r\n");
        Transport(sdp, bot, "actpass");
        sdp.Append("a=mid:0\r\na=sendonly\r\n");
        sdp.Append(CultureInfo.InvariantCulture, $"a=msid:{bot.Name} {bot.Name}-{kind}\r\n");
        sdp.Append("a=rtcp-mux\r\n");
        if (kind == "video")
        {
            sdp.Append("a=rtcp-rsize\r\n");
            sdp.Append(CultureInfo.InvariantCulture, $"a=rtpmap:{pt} VP8/90000\r\na=rtcp-fb:{pt} nack\r\na=rtcp-fb:{pt} nack pli\r\n");
        }
        else
        {
            sdp.Append(CultureInfo.InvariantCulture, $"a=rtpmap:{pt} opus/48000/2\r\na=fmtp:{pt} minptime=10;useinbandfec=1\r\n");
        }
        sdp.Append(CultureInfo.InvariantCulture, $"a=ssrc:{ssrc} cname:{bot.Name}\r\na=ssrc:{ssrc} msid:{bot.Name} {bot.Name}-{kind}\r\n");
        Candidate(sdp, bot);
        return sdp.ToString();
    }

    /// <summary>The answer to an SFU's subscribe offer: receive everything it offers that is live, on one BUNDLE transport.</summary>
    public static string SubscribeAnswer(RtcBot bot, SessionDescription offer)
    {
        var live = offer.MediaDescriptions.Where(m => !m.IsRejected && m.IsRtp && m.Mid is not null && m.Formats.Count > 0 && m.Direction != SdpDirection.Inactive).ToList();
        var sdp = new StringBuilder();
        Session(sdp, live.Select(m => m.Mid!).ToList());
        foreach (var m in offer.MediaDescriptions)
        {
            if (!live.Contains(m))
            {
                sdp.Append(CultureInfo.InvariantCulture, $"m={m.Kind} 0 {m.Protocol} {(m.Formats.Count > 0 ? m.Formats[0] : "0")}\r\nc=IN IP4 0.0.0.0\r\n");
                if (m.Mid is { } mid)
                {
                    sdp.Append(CultureInfo.InvariantCulture, $"a=mid:{mid}\r\n");
                }
                sdp.Append("a=inactive\r\n");
                continue;
            }
            var pt = int.Parse(m.Formats[0], CultureInfo.InvariantCulture);
            sdp.Append(CultureInfo.InvariantCulture, $"m={m.Kind} 9 UDP/TLS/RTP/SAVPF {pt}\r\nc=IN IP4 0.0.0.0\r\n");
            Transport(sdp, bot, "active");
            sdp.Append(CultureInfo.InvariantCulture, $"a=mid:{m.Mid}\r\na=recvonly\r\na=rtcp-mux\r\n");
            if (m.GetRtpMap(pt) is { } map)
            {
                sdp.Append(CultureInfo.InvariantCulture, $"a=rtpmap:{map}\r\n");
            }
            if (m.GetFmtp(pt) is { } fmtp)
            {
                sdp.Append(CultureInfo.InvariantCulture, $"a=fmtp:{pt} {fmtp.Parameters}\r\n");
            }
            Candidate(sdp, bot);
        }
        return sdp.ToString();
    }

    /// <summary>What a bot needs of the SFU's SDP to connect: its candidate, ICE credentials, fingerprint and our DTLS role.</summary>
    public static (IPEndPoint Candidate, string Ufrag, string Password, DtlsFingerprint Fingerprint, DtlsRole Role) Remote(SessionDescription description, bool isOffer)
    {
        if (!SdpRemoteParameters.TryExtract(description, out var remote, out var error))
        {
            throw new InvalidOperationException("unusable SDP: " + error);
        }
        var candidate = remote.Candidates.Concat(description.MediaDescriptions.SelectMany(m => m.Candidates))
            .Where(c => c.Component == 1 && string.Equals(c.Transport, "udp", StringComparison.OrdinalIgnoreCase) && IPAddress.TryParse(c.Address, out var a) && a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            .OrderByDescending(c => c.Address == "127.0.0.1")
            .FirstOrDefault() ?? throw new InvalidOperationException("no IPv4 UDP candidate in the SFU's SDP");
        // Answering an offer we pick active (DTLS client). Reading an answer to our actpass: active there makes us the server.
        var role = isOffer ? DtlsRole.Client : remote.Setup == SdpSetupRole.Active ? DtlsRole.Server : DtlsRole.Client;
        var fingerprint = remote.Fingerprint;
        return (new IPEndPoint(IPAddress.Parse(candidate.Address), candidate.Port), remote.IceUfrag, remote.IcePwd, fingerprint, role);
    }

    public static SessionDescription Parse(string sdp) =>
        SessionDescription.TryParse(sdp, out var description, out var error) ? description : throw new InvalidOperationException("unreadable SDP: " + error);

    private static void Session(StringBuilder sdp, List<string> bundle)
    {
        sdp.Append(CultureInfo.InvariantCulture, $"v=0\r\no=- {Random.Shared.NextInt64(1, long.MaxValue)} 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");
        if (bundle.Count > 0)
        {
            sdp.Append("a=group:BUNDLE ").Append(string.Join(' ', bundle)).Append("\r\n");
        }
        sdp.Append("a=msid-semantic: WMS *\r\n");
    }

    private static void Transport(StringBuilder sdp, RtcBot bot, string setup)
    {
        sdp.Append(CultureInfo.InvariantCulture, $"a=ice-ufrag:{bot.Ufrag}\r\na=ice-pwd:{bot.Password}\r\n");
        sdp.Append(CultureInfo.InvariantCulture, $"a=fingerprint:sha-256 {bot.Fingerprint.HexValue}\r\na=setup:{setup}\r\n");
    }

    private static void Candidate(StringBuilder sdp, RtcBot bot) =>
        sdp.Append(CultureInfo.InvariantCulture, $"a=candidate:1 1 udp 2130706431 {bot.EndPoint.Address} {bot.EndPoint.Port} typ host\r\na=end-of-candidates\r\n");
}
