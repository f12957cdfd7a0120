using Meurs.Media.Sdp;

namespace Meurs.Tests.Media.Sdp;

public sealed class SdpAttributeTypesTests
{
    [Theory]
    [InlineData("1160438246 1 udp 2122260223 192.168.92.78 52133 typ host generation 0 network-id 1 network-cost 10")]
    [InlineData("195632406 1 tcp 1518280447 192.168.92.78 9 typ host tcptype active generation 0 network-id 1 network-cost 10")]
    [InlineData("842163049 1 udp 1677729535 186.50.9.10 52200 typ srflx raddr 0.0.0.0 rport 0 generation 0 network-cost 999")]
    [InlineData("1560499547 1 udp 2113937151 2cf0b2c0-0842-4fe3-aaa0-4556a2dfbadc.local 33192 typ host generation 0 network-cost 999")]
    [InlineData("750991856 2 udp 25108222 237.30.30.30 51472 typ relay raddr 47.61.61.61 rport 54763 generation 0")]
    [InlineData("0 1 UDP 2122252543 fe80::1 50000 typ host")]
    public void TryParse_BrowserCandidates_RoundTripExactly(string value)
    {
        Assert.True(SdpCandidate.TryParse(value, out var candidate));

        Assert.Equal(value, candidate.ToString());
        Assert.True(SdpCandidate.TryParse("candidate:" + value, out var trickled));
        Assert.Equal(value, trickled.ToString());
    }

    [Fact]
    public void TryParse_ServerReflexiveCandidate_ReadsRelatedAddress()
    {
        Assert.True(SdpCandidate.TryParse("842163049 1 udp 1677729535 186.50.9.10 52200 typ srflx raddr 10.0.0.2 rport 3478 generation 0", out var c));

        Assert.Equal("srflx", c.Type);
        Assert.Equal("10.0.0.2", c.RelatedAddress);
        Assert.Equal(3478, c.RelatedPort);
        Assert.Null(c.TcpType);
        Assert.Equal([new("generation", "0")], c.Extensions);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1 1 udp 1 1.2.3.4 5 typ")]
    [InlineData("1 1 udp 1 1.2.3.4 5 type host")]
    [InlineData("1 257 udp 1 1.2.3.4 5 typ host")]
    [InlineData("1 1 udp 4294967296 1.2.3.4 5 typ host")]
    [InlineData("1 1 udp 1 1.2.3.4 5 typ host rport x")]
    [InlineData("1 1 udp 1 1.2.3.4 5 typ host generation")]
    [InlineData("f:o 1 udp 1 1.2.3.4 5 typ host")]
    [InlineData("123456789012345678901234567890123 1 udp 1 1.2.3.4 5 typ host")]
    public void TryParse_MalformedCandidate_Fails(string value)
    {
        Assert.False(SdpCandidate.TryParse(value, out var candidate));
        Assert.Null(candidate);
    }

    [Fact]
    public void HostPriority_FirstHostCandidate_IsRfc8445Formula()
    {
        // (2^24)*126 + (2^8)*65535 + (256 - 1)
        Assert.Equal(2130706431u, SdpCandidate.HostPriority(65535));
        Assert.Equal(2130706175u, SdpCandidate.HostPriority(65534));
    }

    [Fact]
    public void Fmtp_Pairs_AreSplitTrimmedAndCaseInsensitive()
    {
        Assert.True(SdpFmtp.TryParse("126 profile-level-id=42e01f; level-asymmetry-allowed=1;Packetization-Mode=1", out var fmtp));

        Assert.Equal(126, fmtp.PayloadType);
        Assert.Equal(3, fmtp.Pairs.Count);
        Assert.True(fmtp.TryGetParameter("packetization-mode", out var mode));
        Assert.Equal("1", mode);
        Assert.False(fmtp.TryGetParameter("apt", out _));
        Assert.Equal("111 minptime=10;useinbandfec=1", new SdpFmtp(111, [new("minptime", "10"), new("useinbandfec", "1")]).ToString());
    }

    [Fact]
    public void RtcpFeedback_Wildcard_HasNoPayloadType()
    {
        Assert.True(SdpRtcpFeedback.TryParse("* ccm fir", out var feedback));

        Assert.Equal(new SdpRtcpFeedback(null, "ccm", "fir"), feedback);
        Assert.Equal("* ccm fir", feedback.ToString());
    }

    [Fact]
    public void Extmap_DirectionAndAttributes_RoundTrip()
    {
        Assert.True(SdpExtmap.TryParse("2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level vad=on", out var extmap));

        Assert.Equal(new SdpExtmap(2, "urn:ietf:params:rtp-hdrext:csrc-audio-level", SdpDirection.RecvOnly, "vad=on"), extmap);
        Assert.Equal("2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level vad=on", extmap.ToString());
    }

    [Fact]
    public void Ssrc_ValueWithSpaces_IsKeptWhole()
    {
        Assert.True(SdpSsrc.TryParse("1 msid:stream track", out var ssrc));

        Assert.Equal(new SdpSsrc(1, "msid", "stream track"), ssrc);
        Assert.True(SdpSsrc.TryParse("4294967295 label", out var bare));
        Assert.Equal(new SdpSsrc(uint.MaxValue, "label"), bare);
        Assert.False(SdpSsrc.TryParse("4294967296 cname:x", out _));
    }

    [Fact]
    public void Group_WithoutMids_IsEmpty()
    {
        Assert.True(SdpGroup.TryParse("BUNDLE", out var group));

        Assert.Empty(group.Mids);
        Assert.Equal("BUNDLE", group.ToString());
    }
}
