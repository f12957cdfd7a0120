using System.Net;
using Meurs.Media.Dtls;
using Meurs.Media.Sdp;

namespace Meurs.Tests.Media.Sdp;

public sealed class SdpAnswerBuilderTests
{
    internal const string Ufrag = "sfu1";
    internal const string Pwd = "0123456789abcdefABCDEF+/";
    internal static readonly DtlsFingerprint ServerFingerprint = DtlsFingerprint.Compute(DtlsFingerprint.Sha256, "abc"u8);
    internal const string FingerprintLine = "a=fingerprint:sha-256 BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD";

    internal static SdpLocalTransport Transport() =>
        SdpLocalTransport.WithHostCandidates(Ufrag, Pwd, ServerFingerprint, [new IPEndPoint(IPAddress.Loopback, 40000)]);

    /// <summary>
    /// The calls' codecs as production defines them (<see cref="SdpServerCapabilities.Sfu"/>), plus what the answer
    /// builder can do and the calls leave out: RTX, abs-send-time and, when asked, goog-remb. Most tests here check
    /// those mechanics; the calls' own set is checked as it is by the tests that name it.
    /// </summary>
    internal static SdpServerCapabilities SfuWithRtx(bool googRemb = false) => new(
        [SdpCodecCapability.Opus, SdpCodecCapability.Vp8(googRemb), SdpCodecCapability.H264(googRemb), SdpCodecCapability.Vp9(googRemb)],
        [
            new(SdpHeaderExtensionCapability.MidUri),
            new(SdpHeaderExtensionCapability.AudioLevelUri, "audio"),
            new(SdpHeaderExtensionCapability.AbsSendTimeUri),
            new(SdpHeaderExtensionCapability.TransportWideCcUri),
        ]);

    private static SdpAnswerBuilder Builder(bool googRemb = false, bool serverSends = false) =>
        new(SfuWithRtx(googRemb), Transport()) { SessionId = 1234, SessionVersion = 1, ServerSends = serverSends };

    private static SessionDescription Answer(string offer, bool googRemb = false, bool serverSends = false)
    {
        Assert.True(Builder(googRemb, serverSends).TryBuild(SdpAssert.Parse(offer), out var answer, out var error), error);
        // What the client receives is text: it must parse back to the same description.
        SdpAssert.SameModel(answer, SdpAssert.Parse(answer.ToString()));
        return answer;
    }

    [Theory]
    [InlineData(SdpTestData.ChromiumOffer, "nack|transport-cc")] // this recorded offer lists no "nack pli" for VP8
    [InlineData(SdpTestData.FirefoxOffer, "nack|nack pli|transport-cc")]
    public void TryBuild_TheCallsCapabilities_OpusAndVp8WithNackPliTransportCc_NoRtx(string offer, string feedback)
    {
        // The set the call socket answers publishers with (Peer.TryPublish uses SdpServerCapabilities.Sfu, nothing else).
        var builder = new SdpAnswerBuilder(SdpServerCapabilities.Sfu, Transport()) { SessionId = 1 };
        Assert.True(builder.TryBuild(SdpAssert.Parse(offer), out var answer, out var error), error);

        var audio = answer.MediaDescriptions.First(m => m.Kind == "audio" && !m.IsRejected);
        var video = answer.MediaDescriptions.First(m => m.Kind == "video" && !m.IsRejected);
        Assert.Equal(["opus"], audio.Formats.Select(f => audio.GetRtpMap(int.Parse(f))!.EncodingName));
        Assert.Equal(["VP8"], video.Formats.Take(1).Select(f => video.GetRtpMap(int.Parse(f))!.EncodingName));
        Assert.DoesNotContain(answer.MediaDescriptions.SelectMany(m => m.Formats.Select(f => m.GetRtpMap(int.Parse(f))?.EncodingName)), n => n == "rtx");
        var vp8 = int.Parse(video.Formats[0]);
        Assert.Equal(feedback.Split('|'), video.Attributes.Where(a => a.Name == "rtcp-fb" && a.Value!.StartsWith($"{vp8} ", StringComparison.Ordinal)).Select(a => a.Value!).Select(v => v[(v.IndexOf(' ', StringComparison.Ordinal) + 1)..]));
        Assert.Subset(
            new HashSet<string> { SdpHeaderExtensionCapability.MidUri, SdpHeaderExtensionCapability.AudioLevelUri, SdpHeaderExtensionCapability.TransportWideCcUri },
            answer.MediaDescriptions.SelectMany(m => m.Extmaps).Select(e => e.Uri).ToHashSet());
        Assert.Contains(audio.Extmaps, e => e.Uri == SdpHeaderExtensionCapability.AudioLevelUri);
        Assert.DoesNotContain(answer.MediaDescriptions.SelectMany(m => m.Extmaps), e => e.Uri == SdpHeaderExtensionCapability.AbsSendTimeUri);
    }

    [Fact]
    public void TryBuild_FirefoxOffer_GivesExactlyTheExpectedAnswer()
    {
        var answer = Answer(SdpTestData.FirefoxOffer);

        string[] transport =
        [
            "c=IN IP4 0.0.0.0",
            "a=ice-ufrag:sfu1",
            "a=ice-pwd:0123456789abcdefABCDEF+/",
            FingerprintLine,
            "a=setup:passive",
        ];
        string[] candidates = ["a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host", "a=end-of-candidates"];
        string[] expected =
        [
            "v=0",
            "o=- 1234 1 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=ice-lite",
            "a=group:BUNDLE 0 1",
            "m=audio 9 UDP/TLS/RTP/SAVPF 109",
            .. transport,
            "a=mid:0",
            "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid",
            "a=recvonly",
            "a=rtcp-mux",
            "a=rtpmap:109 opus/48000/2",
            "a=fmtp:109 minptime=10;useinbandfec=1",
            .. candidates,
            "m=video 9 UDP/TLS/RTP/SAVPF 120 124 126 127 121 125",
            .. transport,
            "a=mid:1",
            "a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid",
            "a=extmap:4 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
            "a=extmap:7 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
            "a=recvonly",
            "a=rtcp-mux",
            "a=rtcp-rsize",
            "a=rtpmap:120 VP8/90000",
            "a=rtcp-fb:120 nack",
            "a=rtcp-fb:120 nack pli",
            "a=rtcp-fb:120 transport-cc",
            "a=fmtp:120 max-fs=12288;max-fr=60",
            "a=rtpmap:124 rtx/90000",
            "a=fmtp:124 apt=120",
            "a=rtpmap:126 H264/90000",
            "a=rtcp-fb:126 nack",
            "a=rtcp-fb:126 nack pli",
            "a=rtcp-fb:126 transport-cc",
            "a=fmtp:126 profile-level-id=42e01f;level-asymmetry-allowed=1;packetization-mode=1",
            "a=rtpmap:127 rtx/90000",
            "a=fmtp:127 apt=126",
            "a=rtpmap:121 VP9/90000",
            "a=rtcp-fb:121 nack",
            "a=rtcp-fb:121 nack pli",
            "a=rtcp-fb:121 transport-cc",
            "a=fmtp:121 max-fs=12288;max-fr=60",
            "a=rtpmap:125 rtx/90000",
            "a=fmtp:125 apt=121",
            .. candidates,
            string.Empty,
        ];

        Assert.Equal(expected, SdpAssert.Lines(answer.ToString()));
    }

    [Fact]
    public void TryBuild_ChromiumOffer_ChoosesPayloadTypesFromTheOffer()
    {
        var answer = Answer(SdpTestData.ChromiumOffer);
        var m = answer.MediaDescriptions;

        Assert.Equal(["0", "1", "2", "3", "4"], m.Select(s => s.Mid));
        Assert.Equal(["audio", "video", "audio", "video", "audio"], m.Select(s => s.Kind));
        Assert.All(m, s => Assert.Equal(9, s.Port));
        Assert.Equal(["111"], m[0].Formats);
        // VP8 100 + rtx 101; H.264 120 (the first packetization-mode=1 constrained baseline; 104
        // and 121 are mode 0, 122 is 42001f baseline, 119/118 are main/high); VP9 102 (profile 0).
        Assert.Equal(["100", "101", "120", "107", "102", "103"], m[1].Formats);
        Assert.Equal(["100", "101", "120", "107", "102", "103"], m[3].Formats);
        Assert.Equal(["VP8", "rtx", "H264", "rtx", "VP9", "rtx"], m[1].RtpMaps.Select(r => r.EncodingName));
        Assert.Equal(["apt=100", "level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", "apt=120", "apt=102"], m[1].Fmtps.Select(f => f.Parameters).Where(p => p != "profile-id=0"));
        Assert.Equal("profile-id=0", m[1].GetFmtp(102)!.Parameters);
        Assert.Equal("minptime=10;useinbandfec=1", m[0].GetFmtp(111)!.Parameters);
    }

    [Fact]
    public void TryBuild_ChromiumOffer_MirrorsDirectionsForAReceiveOnlyServer()
    {
        var answer = Answer(SdpTestData.ChromiumOffer);

        Assert.Equal(
            [SdpDirection.RecvOnly, SdpDirection.RecvOnly, SdpDirection.Inactive, SdpDirection.Inactive, SdpDirection.Inactive],
            answer.MediaDescriptions.Select(s => s.Direction));
        Assert.Equal(
            [SdpDirection.RecvOnly, SdpDirection.RecvOnly, SdpDirection.SendOnly, SdpDirection.SendOnly, SdpDirection.SendOnly],
            Answer(SdpTestData.ChromiumOffer, serverSends: true).MediaDescriptions.Select(s => s.Direction));
    }

    [Fact]
    public void TryBuild_ChromiumOffer_SessionIsIceLiteBundleWithPassiveSetup()
    {
        var answer = Answer(SdpTestData.ChromiumOffer);

        Assert.True(answer.IceLite);
        Assert.Equal(["0", "1", "2", "3", "4"], answer.BundleGroup!.Mids);
        Assert.All(answer.MediaDescriptions, s =>
        {
            Assert.Equal(SdpSetupRole.Passive, s.Setup);
            Assert.Equal(Ufrag, s.IceUfrag);
            Assert.Equal(Pwd, s.IcePwd);
            Assert.Equal(ServerFingerprint, s.Fingerprint);
            Assert.True(s.RtcpMux);
            Assert.True(s.EndOfCandidates);
            Assert.Equal("127.0.0.1", Assert.Single(s.Candidates).Address);
        });
        Assert.DoesNotContain(answer.Attributes, a => a.Name == "extmap-allow-mixed");
    }

    [Fact]
    public void TryBuild_ChromiumOffer_KeepsOfferedExtmapIdsForSupportedExtensionsOnly()
    {
        var answer = Answer(SdpTestData.ChromiumOffer);

        Assert.Equal(
            ["a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level", "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time", "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01", "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid"],
            answer.MediaDescriptions[0].Extmaps.Select(e => "a=extmap:" + e));
        Assert.Equal([2, 3, 4], answer.MediaDescriptions[1].Extmaps.Select(e => e.Id));
    }

    [Fact]
    public void TryBuild_ChromiumOffer_FeedbackIsTheIntersection()
    {
        var video = Answer(SdpTestData.ChromiumOffer).MediaDescriptions[1];

        // Chromium offers VP8 100 without "nack pli" (only goog-remb, transport-cc, nack).
        Assert.Equal(["100 nack", "100 transport-cc"], video.GetRtcpFeedbacks(100).Select(f => f.ToString()));
        Assert.Equal(["120 nack", "120 nack pli", "120 transport-cc"], video.GetRtcpFeedbacks(120).Select(f => f.ToString()));
        Assert.Empty(video.GetRtcpFeedbacks(101));
        Assert.Equal(["111 transport-cc"], Answer(SdpTestData.ChromiumOffer).MediaDescriptions[0].GetRtcpFeedbacks(111).Select(f => f.ToString()));
    }

    [Fact]
    public void TryBuild_GoogRembEnabled_AddsItWhereOffered()
    {
        var video = Answer(SdpTestData.FirefoxOffer, googRemb: true).MediaDescriptions[1];

        Assert.Equal(["120 nack", "120 nack pli", "120 transport-cc", "120 goog-remb"], video.GetRtcpFeedbacks(120).Select(f => f.ToString()));
    }

    [Fact]
    public void TryBuild_DataChannelOffer_RejectsTheApplicationSectionWithPortZero()
    {
        var answer = Answer(SdpTestData.ChromiumDataChannelOffer);

        Assert.Equal(
            ["m=application 0 UDP/DTLS/SCTP webrtc-datachannel", "c=IN IP4 0.0.0.0", "a=mid:0"],
            SdpAssert.Lines(answer.ToString()).SkipWhile(l => !l.StartsWith("m=", StringComparison.Ordinal)).Take(3));
        Assert.True(answer.MediaDescriptions[0].IsRejected);
        Assert.Equal(["1"], answer.BundleGroup!.Mids);
        var video = answer.MediaDescriptions[1];
        Assert.Equal("m=video 9 UDP/TLS/RTP/SAVPF 96 97 125 107 98 99", video.ToString().Split("\r\n")[0]);
        Assert.Equal(SdpDirection.RecvOnly, video.Direction);
        Assert.Equal([2, 4, 9], video.Extmaps.Select(e => e.Id));
    }

    [Fact]
    public void TryBuild_UnknownCodecOnly_RejectsTheSectionButKeepsItsPlace()
    {
        var offer = Offer(
            "m=audio 9 UDP/TLS/RTP/SAVPF 0 8",
            "a=mid:a",
            "a=rtcp-mux",
            "a=sendonly",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "m=video 9 UDP/TLS/RTP/SAVPF 96",
            "a=mid:v",
            "a=rtcp-mux",
            "a=sendonly",
            "a=rtpmap:96 VP8/90000");

        var answer = Answer(offer);

        Assert.Equal(["m=audio 0 UDP/TLS/RTP/SAVPF 0 8", "c=IN IP4 0.0.0.0", "a=mid:a"], SdpAssert.Lines(answer.MediaDescriptions[0].ToString()).SkipLast(1));
        Assert.Equal(["v"], answer.BundleGroup!.Mids);
        Assert.Equal(["96"], answer.MediaDescriptions[1].Formats);
    }

    [Theory]
    [InlineData("a=rtcp-mux", "m=audio 0 UDP/TLS/RTP/SAVPF 111", "a=mid:a")] // offered rejected
    [InlineData("", "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:a")]           // no rtcp-mux
    [InlineData("a=rtcp-mux", "m=audio 9 RTP/AVP 111", "a=mid:a")]           // not DTLS-SRTP
    public void TryBuild_SectionTheSfuCannotTake_IsRejected(string mux, string mLine, string mid)
    {
        var offer = Offer(mLine, mid, mux, "a=rtpmap:111 opus/48000/2", "m=audio 9 UDP/TLS/RTP/SAVPF 111", "a=mid:b", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2");

        var answer = Answer(offer);

        Assert.Equal(0, answer.MediaDescriptions[0].Port);
        Assert.Equal(9, answer.MediaDescriptions[1].Port);
    }

    [Fact]
    public void TryBuild_H264WithoutPacketizationModeOne_IsNotAccepted()
    {
        var offer = Offer(
            "m=video 9 UDP/TLS/RTP/SAVPF 97 98",
            "a=mid:v",
            "a=rtcp-mux",
            "a=rtpmap:97 H264/90000",
            "a=fmtp:97 profile-level-id=42e01f;level-asymmetry-allowed=1",
            "a=rtpmap:98 H264/90000",
            "a=fmtp:98 profile-level-id=42e01f;packetization-mode=0");

        Assert.True(Answer(offer).MediaDescriptions[0].IsRejected);
    }

    [Theory]
    [InlineData("", false)]                                                             // no fmtp: mode 0, Baseline 42000a
    [InlineData("a=fmtp:97 packetization-mode=1", false)]                               // profile defaults to Baseline
    [InlineData("a=fmtp:97 packetization-mode=1;profile-level-id=42E034", true)]        // CB, other level, upper case
    [InlineData("a=fmtp:97 packetization-mode=1;profile-level-id=640c1f", false)]       // High
    [InlineData("a=fmtp:97 PACKETIZATION-MODE=1;profile-level-id=42e01f", true)]        // names are case-insensitive
    public void TryBuild_H264Parameters_DecideAcceptance(string fmtp, bool accepted)
    {
        var offer = Offer("m=video 9 UDP/TLS/RTP/SAVPF 97", "a=mid:v", "a=rtcp-mux", "a=rtpmap:97 H264/90000", fmtp);

        Assert.Equal(!accepted, Answer(offer).MediaDescriptions[0].IsRejected);
    }

    [Fact]
    public void TryBuild_RtxNotAccepted_LeavesRtxOut()
    {
        var capabilities = new SdpServerCapabilities([SdpCodecCapability.Vp8()], [], acceptRtx: false);
        var builder = new SdpAnswerBuilder(capabilities, Transport()) { SessionId = 1 };

        Assert.True(builder.TryBuild(SdpAssert.Parse(SdpTestData.FirefoxOffer), out var answer, out var error), error);

        Assert.True(answer.MediaDescriptions[0].IsRejected);
        Assert.Equal(["120"], answer.MediaDescriptions[1].Formats);
        Assert.Empty(answer.MediaDescriptions[1].Extmaps);
    }

    [Theory]
    [InlineData("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n", "no m-sections")]
    [InlineData(NoMid, "has no a=mid")]
    [InlineData(NoBundle, "no a=group:BUNDLE")]
    [InlineData(Passive, "a=setup:passive")]
    [InlineData(NoCredentials, "no a=ice-ufrag")]
    [InlineData(NoFingerprint, "no a=fingerprint")]
    [InlineData(DuplicateMid, "repeats a=mid:a")]
    public void TryBuild_UnusableOffer_FailsWithAReason(string offer, string expected)
    {
        Assert.False(Builder().TryBuild(SdpAssert.Parse(offer), out var answer, out var error));

        Assert.Null(answer);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    private const string Transports = "a=ice-ufrag:abcd\r\na=ice-pwd:0123456789012345678901\r\na=fingerprint:sha-256 04:B3:84:B1:04:0A:C8:1B:1B:04:11:51:67:88:D1:FC:E1:A2:83:8A:E2:58:CC:A2:F0:09:31:3E:39:BF:76:B3\r\n";
    private const string NoMid = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE a\r\n" + Transports + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";
    private const string NoBundle = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n" + Transports + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:a\r\n";
    private const string Passive = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE a\r\na=setup:passive\r\n" + Transports + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:a\r\n";
    private const string NoCredentials = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE a\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:a\r\n";
    private const string NoFingerprint = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE a\r\na=ice-ufrag:abcd\r\na=ice-pwd:0123456789012345678901\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:a\r\n";
    private const string DuplicateMid = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE a\r\n" + Transports + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:a\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:a\r\n";

    // An offer with session-level transport attributes and a BUNDLE group over the given mids.
    private static string Offer(params string[] mediaLines)
    {
        var mids = mediaLines.Where(l => l.StartsWith("a=mid:", StringComparison.Ordinal)).Select(l => l[6..]);
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE " + string.Join(' ', mids) + "\r\n"
            + Transports + "a=setup:actpass\r\n" + string.Concat(mediaLines.Where(l => l.Length > 0).Select(l => l + "\r\n"));
    }
}
