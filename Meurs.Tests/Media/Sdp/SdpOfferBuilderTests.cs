using Meurs.Media.Sdp;

namespace Meurs.Tests.Media.Sdp;

public sealed class SdpOfferBuilderTests
{
    private static SdpOfferBuilder Builder() => new(SdpAnswerBuilderTests.Transport()) { SessionId = 99, SessionVersion = 3 };

    private static SdpOfferMedia Audio(string mid = "a0", bool stopped = false) => new(
        mid,
        "audio",
        new SdpRtpMap(111, "opus", 48000, 2),
        ssrc: 1111,
        cname: "sfu",
        msid: new SdpMsid("peer-1", "mic"),
        codecParameters: "minptime=10;useinbandfec=1",
        feedback: [new SdpRtcpFeedback(null, "transport-cc")],
        headerExtensions: [new SdpExtmap(1, SdpHeaderExtensionCapability.AudioLevelUri), new SdpExtmap(4, SdpHeaderExtensionCapability.MidUri)],
        stopped: stopped);

    private static SdpOfferMedia Video(string mid = "v0") => new(
        mid,
        "video",
        new SdpRtpMap(96, "VP8", 90000),
        ssrc: 2222,
        cname: "sfu",
        msid: new SdpMsid("peer-1", "cam"),
        feedback: [new SdpRtcpFeedback(null, "nack"), new SdpRtcpFeedback(null, "nack", "pli")],
        headerExtensions: [new SdpExtmap(4, SdpHeaderExtensionCapability.MidUri)],
        rtxPayloadType: 97,
        rtxSsrc: 3333);

    [Fact]
    public void Build_AudioAndVideo_GivesExactlyTheExpectedOffer()
    {
        var offer = Builder().Build([Audio(), Video()]);

        string[] transport =
        [
            "c=IN IP4 0.0.0.0",
            "a=ice-ufrag:sfu1",
            "a=ice-pwd:0123456789abcdefABCDEF+/",
            SdpAnswerBuilderTests.FingerprintLine,
            "a=setup:actpass",
        ];
        string[] candidates = ["a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host", "a=end-of-candidates"];
        string[] expected =
        [
            "v=0",
            "o=- 99 3 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=ice-lite",
            "a=group:BUNDLE a0 v0",
            "a=msid-semantic:WMS *",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            .. transport,
            "a=mid:a0",
            "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
            "a=sendonly",
            "a=msid:peer-1 mic",
            "a=rtcp-mux",
            "a=rtpmap:111 opus/48000/2",
            "a=rtcp-fb:111 transport-cc",
            "a=fmtp:111 minptime=10;useinbandfec=1",
            "a=ssrc:1111 cname:sfu",
            "a=ssrc:1111 msid:peer-1 mic",
            .. candidates,
            "m=video 9 UDP/TLS/RTP/SAVPF 96 97",
            .. transport,
            "a=mid:v0",
            "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid",
            "a=sendonly",
            "a=msid:peer-1 cam",
            "a=rtcp-mux",
            "a=rtcp-rsize",
            "a=rtpmap:96 VP8/90000",
            "a=rtcp-fb:96 nack",
            "a=rtcp-fb:96 nack pli",
            "a=rtpmap:97 rtx/90000",
            "a=fmtp:97 apt=96",
            "a=ssrc-group:FID 2222 3333",
            "a=ssrc:2222 cname:sfu",
            "a=ssrc:2222 msid:peer-1 cam",
            "a=ssrc:3333 cname:sfu",
            "a=ssrc:3333 msid:peer-1 cam",
            .. candidates,
            string.Empty,
        ];

        Assert.Equal(expected, SdpAssert.Lines(offer.ToString()));
        SdpAssert.SameModel(offer, SdpAssert.Parse(offer.ToString()));
    }

    [Fact]
    public void Build_StoppedConsumer_KeepsItsSectionAtPortZeroOutsideBundle()
    {
        var offer = Builder().Build([Video(), Audio("a0", stopped: true)]);

        Assert.Equal(["v0"], offer.BundleGroup!.Mids);
        Assert.Equal(
            ["m=audio 0 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=mid:a0", "a=inactive", string.Empty],
            SdpAssert.Lines(offer.MediaDescriptions[1].ToString()));
    }

    [Fact]
    public void Build_EveryConsumerStopped_TheBundleTagStaysBundledAndInactive()
    {
        // What a participant left alone in a call was offered: every section stopped. With all at port 0 and no BUNDLE
        // group, Chromium (max-bundle) refused it: "max-bundle is used but no bundle group found".
        var offer = Builder().Build([Audio("a0", stopped: true), Audio("a1", stopped: true)]);

        Assert.Equal(["a0"], offer.BundleGroup!.Mids);
        Assert.Equal(
        [
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "c=IN IP4 0.0.0.0",
            "a=ice-ufrag:sfu1",
            "a=ice-pwd:0123456789abcdefABCDEF+/",
            SdpAnswerBuilderTests.FingerprintLine,
            "a=setup:actpass",
            "a=mid:a0",
            "a=inactive",
            "a=rtcp-mux",
            "a=rtpmap:111 opus/48000/2",
            "a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host",
            "a=end-of-candidates",
            string.Empty,
        ], SdpAssert.Lines(offer.MediaDescriptions[0].ToString()));
        Assert.Empty(offer.MediaDescriptions[0].Ssrcs);
        Assert.Equal(0, offer.MediaDescriptions[1].Port);
        SdpAssert.SameModel(offer, SdpAssert.Parse(offer.ToString()));
    }

    [Fact]
    public void Build_Nothing_IsAValidOfferWithoutGroup()
    {
        var offer = Builder().Build([]);

        Assert.Null(offer.BundleGroup);
        Assert.Empty(SdpAssert.Parse(offer.ToString()).MediaDescriptions);
    }

    [Fact]
    public void WithHostCandidates_SeveralEndpoints_DescendInPriority()
    {
        var transport = SdpLocalTransport.WithHostCandidates(
            "sfu1", "0123456789abcdefABCDEF+/", SdpAnswerBuilderTests.ServerFingerprint,
            [new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 40000), new System.Net.IPEndPoint(System.Net.IPAddress.IPv6Loopback, 40001)]);

        Assert.Equal(
            ["1 1 udp 2130706431 127.0.0.1 40000 typ host", "2 1 udp 2130706175 ::1 40001 typ host"],
            transport.Candidates.Select(c => c.ToString()));
    }

    [Theory]
    [InlineData("abc", "0123456789abcdefABCDEF")]     // ufrag under 4 characters
    [InlineData("abcd", "0123456789abcdefABCDE")]     // pwd under 22 characters
    [InlineData("ab:d", "0123456789abcdefABCDEF")]    // ':' is not an ice-char
    public void LocalTransport_BadCredentials_Throw(string ufrag, string pwd)
    {
        Assert.Throws<ArgumentException>(() => new SdpLocalTransport(ufrag, pwd, SdpAnswerBuilderTests.ServerFingerprint, []));
    }

    [Fact]
    public void Build_RepeatedMid_Throws()
    {
        Assert.Throws<ArgumentException>(() => Builder().Build([Audio("x"), Video("x")]));
    }

    [Fact]
    public void OfferMedia_HalfGivenRtx_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SdpOfferMedia("v", "video", new SdpRtpMap(96, "VP8", 90000), 1, "c", new SdpMsid("s"), rtxPayloadType: 97));
        Assert.Throws<ArgumentException>(() => new SdpOfferMedia("v", "video", new SdpRtpMap(96, "VP8", 90000), 1, "c", new SdpMsid("s"), rtxPayloadType: 96, rtxSsrc: 2));
    }

    [Fact]
    public void BrowserStyleAnswerToTheOffer_IsExtractedPerMid()
    {
        // What Chromium answers to the offer above: active DTLS role, recvonly, its own ICE.
        var answer = """
            v=0
            o=- 5 2 IN IP4 127.0.0.1
            s=-
            t=0 0
            a=group:BUNDLE a0 v0
            m=audio 9 UDP/TLS/RTP/SAVPF 111
            c=IN IP4 0.0.0.0
            a=ice-ufrag:cLnt
            a=ice-pwd:abcdefghijklmnopqrstuvwx
            a=fingerprint:sha-256 04:B3:84:B1:04:0A:C8:1B:1B:04:11:51:67:88:D1:FC:E1:A2:83:8A:E2:58:CC:A2:F0:09:31:3E:39:BF:76:B3
            a=setup:active
            a=mid:a0
            a=recvonly
            a=rtcp-mux
            a=rtpmap:111 opus/48000/2
            m=video 9 UDP/TLS/RTP/SAVPF 96 97
            c=IN IP4 0.0.0.0
            a=ice-ufrag:cLnt
            a=ice-pwd:abcdefghijklmnopqrstuvwx
            a=setup:active
            a=mid:v0
            a=recvonly
            a=rtcp-mux
            a=rtpmap:96 VP8/90000
            a=rtpmap:97 rtx/90000
            a=fmtp:97 apt=96
            """;

        Assert.True(SdpRemoteParameters.TryExtract(SdpAssert.Parse(answer), out var remote, out var error), error);

        Assert.Equal("cLnt", remote.IceUfrag);
        Assert.Equal("abcdefghijklmnopqrstuvwx", remote.IcePwd);
        Assert.Equal(SdpSetupRole.Active, remote.Setup);
        Assert.Equal(["a0", "v0"], remote.Mids);
        Assert.Equal(["a0", "v0"], remote.BundleMids);
        Assert.Equal(SdpDirection.RecvOnly, remote.FindByMid("v0")!.Direction);
        Assert.Empty(remote.FindByMid("v0")!.Ssrcs);
    }
}
