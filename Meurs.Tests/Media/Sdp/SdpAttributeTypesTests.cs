using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Meurs.Media.Sdp;

namespace Meurs.Tests.Media.Sdp;

public sealed class SdpAttributeTypesTests
{
    [Fact]
    public void FromCertificate_Abc_IsTheFips180Sha256Vector()
    {
        // FIPS 180-2 Appendix B.1: SHA-256("abc").
        var fingerprint = SdpFingerprint.FromCertificate("abc"u8);

        Assert.Equal(
            "sha-256 BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD",
            fingerprint.ToString());
        Assert.Equal(new SdpAttribute("fingerprint", fingerprint.ToString()), fingerprint.ToAttribute());
    }

    [Fact]
    public void FromCertificate_RealCertificate_ParsesBackAndMatchesOnlyItself()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=meurs", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        using var other = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(50));

        var fingerprint = SdpFingerprint.FromCertificate(certificate.RawData);
        Assert.True(SdpFingerprint.TryParse(fingerprint.ToString(), out var parsed));

        Assert.Equal(SHA256.HashData(certificate.RawData), parsed.Digest.ToArray());
        Assert.Equal(fingerprint, parsed);
        Assert.True(parsed.Matches(certificate.RawData));
        Assert.False(parsed.Matches(other.RawData));
    }

    [Fact]
    public void TryParseHex_LowerCase_IsAccepted_AndFormatsUpperCase()
    {
        Assert.True(SdpFingerprint.TryParseHex("ab:cd:01", out var bytes));

        Assert.Equal([0xAB, 0xCD, 0x01], bytes);
        Assert.Equal("AB:CD:01", SdpFingerprint.FormatHex(bytes));
        Assert.Equal(string.Empty, SdpFingerprint.FormatHex([]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("ABC")]
    [InlineData("AB:")]
    [InlineData(":AB")]
    [InlineData("AB-CD")]
    [InlineData("AB::CD")]
    [InlineData("AG:CD")]
    [InlineData("AB:CD:EF:")]
    public void TryParseHex_Malformed_Fails(string text)
    {
        Assert.False(SdpFingerprint.TryParseHex(text, out var bytes));
        Assert.Null(bytes);
    }

    [Fact]
    public void TryParse_FingerprintOtherAlgorithms_CheckTheirLength()
    {
        Assert.True(SdpFingerprint.TryParse("SHA-1 " + SdpFingerprint.FormatHex(new byte[20]), out var sha1));
        Assert.Equal("sha-1", sha1.HashFunction);
        Assert.False(SdpFingerprint.TryParse("sha-1 " + SdpFingerprint.FormatHex(new byte[32]), out _));
        Assert.False(sha1.Matches(new byte[1]));
        Assert.Throws<ArgumentException>(() => new SdpFingerprint("sha-256", new byte[31]));
    }

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
