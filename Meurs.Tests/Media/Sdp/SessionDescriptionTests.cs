using Meurs.Media.Dtls;
using Meurs.Media.Sdp;

namespace Meurs.Tests.Media.Sdp;

public sealed class SessionDescriptionTests
{
    public static TheoryData<string> Samples => new(SdpTestData.All);

    [Theory]
    [MemberData(nameof(Samples))]
    public void ToString_ParsedSample_WritesTheSameTextWithCrlf(string sample)
    {
        // Every sample is already in RFC order, so the writer must reproduce it byte for byte.
        var description = SdpAssert.Parse(sample);

        Assert.Equal(SdpTestData.Crlf(sample), description.ToString());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void TryParse_WrittenSample_GivesTheSameModel(string sample)
    {
        var first = SdpAssert.Parse(sample);
        var second = SdpAssert.Parse(first.ToString());

        SdpAssert.SameModel(first, second);
        Assert.Equal(first.ToString(), second.ToString());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void TryParse_CrlfAndLf_GiveTheSameModel(string sample)
    {
        SdpAssert.SameModel(SdpAssert.Parse(sample), SdpAssert.Parse(SdpTestData.Crlf(sample)));
    }

    [Fact]
    public void TryParse_Rfc8866Example_ReadsEveryField()
    {
        var d = SdpAssert.Parse(SdpTestData.Rfc8866Example);

        Assert.Equal(new SdpOrigin("jdoe", 3724394400, 3724394405, "IN", "IP4", "198.51.100.1"), d.Origin);
        Assert.Equal("Call to John Smith", d.SessionName);
        Assert.Equal("SDP Offer #1", d.Information);
        Assert.Equal(new SdpConnection("IN", "IP4", "198.51.100.1"), d.Connection);
        Assert.Equal([new SdpTiming(0, 0)], d.Timings);
        Assert.Equal(
            [new SdpLine('u', "http://www.jdoe.example.com/home.html"), new SdpLine('e', "Jane Doe <jane@jdoe.example.com>"), new SdpLine('p', "+1 617 555-6011")],
            d.OtherLines);
        Assert.Equal(3, d.MediaDescriptions.Count);
        Assert.Equal(["audio", "audio", "video"], d.MediaDescriptions.Select(m => m.Kind));
        Assert.Equal([49170, 49180, 51372], d.MediaDescriptions.Select(m => m.Port));
        var video = d.MediaDescriptions[2];
        Assert.Equal("RTP/AVP", video.Protocol);
        Assert.Equal(["99"], video.Formats);
        Assert.Equal([new SdpConnection("IN", "IP6", "2001:db8::2")], video.Connections);
        Assert.Equal([new SdpRtpMap(99, "h263-1998", 90000)], video.RtpMaps);
    }

    [Fact]
    public void TryParse_ChromiumOffer_ReadsSessionAndTransportAttributes()
    {
        var d = SdpAssert.Parse(SdpTestData.ChromiumOffer);

        Assert.Equal(4396055952786825640UL, d.Origin.SessionId);
        Assert.Equal(4UL, d.Origin.SessionVersion);
        Assert.Equal(["0", "1", "2", "3", "4"], d.BundleGroup!.Mids);
        Assert.Equal("WMS r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD", d.MsidSemantic);
        Assert.Equal(new SdpAttribute("msid-semantic", " WMS r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD"), d.Attributes[2]);
        Assert.False(d.IceLite);
        Assert.Equal(["0", "1", "2", "3", "4"], d.MediaDescriptions.Select(m => m.Mid));
        Assert.Equal(
            [SdpDirection.SendOnly, SdpDirection.SendOnly, SdpDirection.RecvOnly, SdpDirection.RecvOnly, SdpDirection.RecvOnly],
            d.MediaDescriptions.Select(m => m.Direction));

        var audio = d.MediaDescriptions[0];
        Assert.Equal("Jpbd", audio.IceUfrag);
        Assert.Equal("Fus4hRjMrpP46HRkXRz+RPdL", audio.IcePwd);
        Assert.Equal(["trickle"], audio.IceOptions);
        Assert.Equal(SdpSetupRole.ActPass, audio.Setup);
        Assert.True(audio.RtcpMux);
        Assert.False(audio.RtcpReducedSize);
        Assert.True(d.MediaDescriptions[1].RtcpReducedSize);
        Assert.Equal("sha-256", audio.Fingerprint!.HashFunction);
        Assert.Equal(
            Convert.FromHexString("04B384B1040AC81B1B0411516788D1FCE1A2838AE258CCA2F009313E39BF76B3"),
            audio.Fingerprint.Digest.ToArray());
        Assert.Equal(new SdpMsid("r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD", "bc9d76ef-21f8-44b7-81ac-dfd096c2f1fe"), Assert.Single(audio.Msids));
    }

    [Fact]
    public void TryParse_ChromiumOffer_ReadsCodecsAndExtensions()
    {
        var audio = SdpAssert.Parse(SdpTestData.ChromiumOffer).MediaDescriptions[0];
        var video = SdpAssert.Parse(SdpTestData.ChromiumOffer).MediaDescriptions[1];

        Assert.Equal(new SdpRtpMap(111, "opus", 48000, 2), audio.GetRtpMap(111));
        Assert.Equal(new SdpRtpMap(63, "red", 48000, 2), audio.GetRtpMap(63));
        Assert.Equal(new SdpRtpMap(0, "PCMU", 8000), audio.GetRtpMap(0));
        Assert.Equal("111/111", audio.GetFmtp(63)!.Parameters);
        Assert.True(audio.GetFmtp(111)!.TryGetParameter("useinbandfec", out var fec));
        Assert.Equal("1", fec);
        Assert.Equal([new SdpRtcpFeedback(111, "transport-cc")], audio.GetRtcpFeedbacks(111));
        Assert.Equal(
            [
                new SdpExtmap(1, "urn:ietf:params:rtp-hdrext:ssrc-audio-level"),
                new SdpExtmap(2, "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"),
                new SdpExtmap(3, "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"),
                new SdpExtmap(4, "urn:ietf:params:rtp-hdrext:sdes:mid"),
                new SdpExtmap(5, "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id"),
                new SdpExtmap(6, "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id"),
            ],
            audio.Extmaps);

        Assert.Equal(23, video.Formats.Count);
        Assert.Equal(new SdpRtpMap(35, "AV1", 90000), video.GetRtpMap(35));
        Assert.Equal("apt=35", video.GetFmtp(36)!.Parameters);
        Assert.Equal("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=640032", video.GetFmtp(118)!.Parameters);
        Assert.Equal(
            [new SdpRtcpFeedback(123, "goog-remb"), new SdpRtcpFeedback(123, "transport-cc"), new SdpRtcpFeedback(123, "ccm", "fir"), new SdpRtcpFeedback(123, "nack"), new SdpRtcpFeedback(123, "nack", "pli")],
            video.GetRtcpFeedbacks(123));
        Assert.Equal(new SdpRtpMap(116, "ulpfec", 90000), video.GetRtpMap(116));
    }

    [Fact]
    public void TryParse_ChromiumOffer_ReadsSourcesAndCandidates()
    {
        var d = SdpAssert.Parse(SdpTestData.ChromiumOffer);
        var audio = d.MediaDescriptions[0];
        var video = d.MediaDescriptions[1];

        Assert.Equal(4, audio.Ssrcs.Count);
        Assert.Equal(new SdpSsrc(4048541358, "cname", "UOXLvCjgl4OlGU+h"), audio.Ssrcs[0]);
        Assert.Equal(new SdpSsrc(4048541358, "msid", "r87hndGyheuxZxzoUgzDkwgPWKOFXQzv1NvD bc9d76ef-21f8-44b7-81ac-dfd096c2f1fe"), audio.Ssrcs[1]);
        Assert.Equal(["FID", "SIM", "FID", "FID"], video.SsrcGroups.Select(g => g.Semantics));
        Assert.Equal([1017728011u, 1258359703u], video.SsrcGroups[0].Ssrcs);
        Assert.Equal([1017728011u, 2260225769u, 943422434u], video.SsrcGroups[1].Ssrcs);

        Assert.Equal(2, audio.Candidates.Count);
        var udp = audio.Candidates[0];
        Assert.Equal(("1160438246", 1, "udp", 2122260223u, "192.168.92.78", 52133, "host"), (udp.Foundation, udp.Component, udp.Transport, udp.Priority, udp.Address, udp.Port, udp.Type));
        Assert.Equal([new("generation", "0"), new("network-id", "1"), new("network-cost", "10")], udp.Extensions);
        Assert.Equal("active", audio.Candidates[1].TcpType);
        Assert.Equal(9, audio.Candidates[1].Port);
        Assert.Empty(video.Candidates);
    }

    [Fact]
    public void TryParse_ChromiumDataChannelOffer_KeepsTheApplicationSection()
    {
        var d = SdpAssert.Parse(SdpTestData.ChromiumDataChannelOffer);
        var data = d.MediaDescriptions[0];

        Assert.Equal("application", data.Kind);
        Assert.Equal(61397, data.Port);
        Assert.Equal("UDP/DTLS/SCTP", data.Protocol);
        Assert.Equal(["webrtc-datachannel"], data.Formats);
        Assert.False(data.IsRtp);
        Assert.Equal(5000, data.SctpPort);
        Assert.Equal(262144UL, data.MaxMessageSize);
        Assert.Equal("0", data.Mid);
        Assert.Equal(new SdpRtpMap(45, "AV1", 90000), d.MediaDescriptions[1].GetRtpMap(45));
    }

    [Fact]
    public void TryParse_FirefoxOffer_ReadsSessionLevelFingerprintAndExtmapDirections()
    {
        var d = SdpAssert.Parse(SdpTestData.FirefoxOffer);
        var audio = d.MediaDescriptions[0];
        var video = d.MediaDescriptions[1];

        Assert.Equal("mozilla...THIS_IS_SDPARTA-99.0", d.Origin.Username);
        Assert.Equal(4408209549129620304UL, d.Origin.SessionId);
        Assert.Equal("75:4F:CA:8F:4F:E4:CE:5E:67:42:D3:DA:0E:E1:87:2A:E5:E3:02:76:30:FC:AB:F0:B4:7E:24:71:18:38:9C:6E", DtlsFingerprint.FormatHex(d.Fingerprint!.Digest));
        Assert.Null(audio.Fingerprint);
        Assert.Equal(["trickle"], d.IceOptions);
        Assert.Equal("WMS *", d.MsidSemantic);
        Assert.Equal(SdpDirection.SendRecv, audio.Direction);
        Assert.Equal(new SdpExtmap(2, "urn:ietf:params:rtp-hdrext:csrc-audio-level", SdpDirection.RecvOnly), audio.Extmaps[1]);
        Assert.Equal(new SdpRtpMap(9, "G722", 8000, 1), audio.GetRtpMap(9));
        Assert.Equal("0-15", audio.GetFmtp(101)!.Parameters);
        Assert.Equal(new SdpMsid("-", "{ba72adfe-d5b5-42bd-bf15-e8fcdcbb2ee1}"), Assert.Single(audio.Msids));
        Assert.Equal(new SdpSsrc(3772375965, "cname", "{b11da7a1-56f4-4fc1-a969-6d82236f494d}"), Assert.Single(audio.Ssrcs));
        Assert.Equal(new SdpExtmap(6, "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay", SdpDirection.RecvOnly), video.Extmaps[3]);
        Assert.Equal([7463831u, 2513307155u], Assert.Single(video.SsrcGroups).Ssrcs);
    }

    [Fact]
    public void TryParse_RidAndSimulcast_AreRead()
    {
        var sdp = Minimal("m=video 9 UDP/TLS/RTP/SAVPF 96", "a=mid:0", "a=rtpmap:96 VP8/90000",
            "a=rid:h send pt=96;max-width=1280", "a=rid:m send", "a=rid:l send", "a=simulcast:send h;m;~l recv r1,r2");
        var video = SdpAssert.Parse(sdp).MediaDescriptions[0];

        Assert.Equal(["h", "m", "l"], video.Rids.Select(r => r.Id));
        Assert.True(video.Rids.All(r => r.IsSend));
        Assert.Equal("pt=96;max-width=1280", video.Rids[0].Restrictions);
        var simulcast = video.Simulcast!;
        Assert.Equal(["h", "m", "l"], simulcast.Send.Select(s => Assert.Single(s).Rid));
        Assert.Equal([false, false, true], simulcast.Send.Select(s => s[0].Paused));
        Assert.Equal(["r1", "r2"], Assert.Single(simulcast.Receive).Select(s => s.Rid));
        Assert.Equal("send h;m;~l recv r1,r2", simulcast.ToString());
    }

    [Fact]
    public void TryParse_UnknownAttributes_AreKeptInOrder()
    {
        var sdp = Minimal("a=x-custom:anything goes: here", "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=zzz", "a=mid:0", "a=x-y:1 2 3");
        var d = SdpAssert.Parse(sdp);

        Assert.Equal(new SdpAttribute("x-custom", "anything goes: here"), d.Attributes[0]);
        Assert.Equal([new SdpAttribute("zzz"), new SdpAttribute("mid", "0"), new SdpAttribute("x-y", "1 2 3")], d.MediaDescriptions[0].Attributes);
        Assert.Equal(SdpTestData.Crlf(sdp), d.ToString());
    }

    [Fact]
    public void ToString_OutOfOrderSessionLines_WritesRfcOrder()
    {
        // t= before c= and e= after a=: accepted, and written back in RFC 8866 §5 order.
        var sdp = "v=0\no=- 1 2 IN IP4 127.0.0.1\ns=x\nt=0 0\na=ice-lite\nc=IN IP4 10.0.0.1\ne=a@b.c\nb=AS:30\n";
        var d = SdpAssert.Parse(sdp);

        Assert.Equal("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=x\r\ne=a@b.c\r\nc=IN IP4 10.0.0.1\r\nb=AS:30\r\nt=0 0\r\na=ice-lite\r\n", d.ToString());
    }

    [Fact]
    public void TryParse_MissingTiming_DefaultsToPermanent()
    {
        var d = SdpAssert.Parse("v=0\no=- 1 2 IN IP4 127.0.0.1\ns=-\n");

        Assert.Equal([SdpTiming.Permanent], d.Timings);
        Assert.Empty(d.MediaDescriptions);
    }

    [Fact]
    public void TryParse_TrailingBlankLines_AreIgnored()
    {
        Assert.Single(SdpAssert.Parse(Minimal("m=audio 9 RTP/AVP 0") + "\r\n\r\n\n").MediaDescriptions);
    }

    [Fact]
    public void GetDirection_SessionLevelDirection_AppliesWhenMediaHasNone()
    {
        var d = SdpAssert.Parse(Minimal("a=recvonly", "m=audio 9 RTP/AVP 0", "m=audio 9 RTP/AVP 0", "a=inactive"));

        Assert.Equal(SdpDirection.RecvOnly, d.GetDirection(d.MediaDescriptions[0]));
        Assert.Equal(SdpDirection.Inactive, d.GetDirection(d.MediaDescriptions[1]));
        Assert.Equal(SdpDirection.SendRecv, d.MediaDescriptions[0].Direction);
    }

    [Fact]
    public void Direction_Set_ReplacesExistingDirectionInPlace()
    {
        var d = SdpAssert.Parse(SdpTestData.FirefoxOffer);
        var audio = d.MediaDescriptions[0];

        audio.Direction = SdpDirection.RecvOnly;

        Assert.Equal(new SdpAttribute("recvonly"), audio.Attributes[0]);
        Assert.Single(audio.Attributes, a => a.Name is "sendrecv" or "recvonly");
    }

    [Fact]
    public void Build_ModelInCode_WritesRfcOrderWithCrlf()
    {
        var d = new SessionDescription(new SdpOrigin("-", 42, 7, "IN", "IP4", "127.0.0.1"));
        d.AddAttribute("group", "BUNDLE a");
        var media = new MediaDescription("audio", 9, MediaDescription.RtpProtocol, ["111"]);
        media.Connections.Add(SdpConnection.Placeholder);
        media.AddAttribute("mid", "a");
        media.Attributes.Add(new SdpRtpMap(111, "opus", 48000, 2).ToAttribute());
        d.MediaDescriptions.Add(media);

        Assert.Equal(
            "v=0\r\no=- 42 7 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE a\r\n" +
            "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:a\r\na=rtpmap:111 opus/48000/2\r\n",
            d.ToString());
    }

    [Fact]
    public void Model_ValuesThatWouldBreakLines_AreRefused()
    {
        var media = new MediaDescription("audio", 9, MediaDescription.RtpProtocol, ["0"]);

        Assert.Throws<ArgumentException>(() => new SdpAttribute("x", "a\r\nm=video 9 RTP/AVP 0"));
        Assert.Throws<ArgumentException>(() => new SdpAttribute("bad name"));
        Assert.Throws<ArgumentException>(() => media.Formats.Add("1 2"));
        Assert.Throws<ArgumentException>(() => media.Kind = "au\ndio");
        Assert.Throws<ArgumentOutOfRangeException>(() => media.Port = 65536);
        Assert.Throws<ArgumentException>(() => new SdpLine('a', "x"));
    }

    internal static string Minimal(params string[] lines) =>
        "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n" + string.Concat(lines.Select(l => l + "\r\n"));
}
