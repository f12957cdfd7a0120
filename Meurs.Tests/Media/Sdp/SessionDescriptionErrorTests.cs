using Meurs.Media.Sdp;

namespace Meurs.Tests.Media.Sdp;

public sealed class SessionDescriptionErrorTests
{
    private const string Head = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    [Theory]
    [InlineData(null, "null")]
    [InlineData("", "empty")]
    public void TryParse_NoText_Fails(string? sdp, string expected)
    {
        Assert.Contains(expected, SdpAssert.ParseError(sdp!), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_MissingVersion_FailsOnLine1()
    {
        var error = SdpAssert.ParseError("o=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n");

        Assert.StartsWith("Line 1:", error, StringComparison.Ordinal);
        Assert.Contains("v=0", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_VersionOtherThanZero_Fails()
    {
        Assert.StartsWith("Line 1:", SdpAssert.ParseError("v=1\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_MediaBeforeOrigin_FailsNamingO()
    {
        var error = SdpAssert.ParseError("v=0\r\nm=audio 9 RTP/AVP 0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n");

        Assert.Equal("Line 2: m= comes before the o= line; the session part must come first (RFC 8866 §5).", error);
    }

    [Fact]
    public void TryParse_MediaBeforeSessionName_FailsNamingS()
    {
        var error = SdpAssert.ParseError("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\nm=audio 9 RTP/AVP 0\r\ns=-\r\n");

        Assert.Equal("Line 3: m= comes before the s= line; the session part must come first (RFC 8866 §5).", error);
    }

    [Theory]
    [InlineData("v=0\r\ns=-\r\n", "no o= line")]
    [InlineData("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n", "no s= line")]
    public void TryParse_MissingOriginOrName_Fails(string sdp, string expected)
    {
        Assert.Contains(expected, SdpAssert.ParseError(sdp), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_LineWithoutEquals_FailsWithItsNumber()
    {
        var error = SdpAssert.ParseError(Head + "hello world\r\n");

        Assert.Equal("Line 5: \"hello world\" has no '='; every line is <type>=<value> (RFC 8866 §5).", error);
    }

    [Theory]
    [InlineData("V=0", "lowercase letter")]    // upper case: not a type letter
    [InlineData("ab=1", "one-letter")]         // two letters before '='
    [InlineData("=x", "one-letter")]           // no letter
    [InlineData("1=x", "lowercase letter")]    // a digit
    [InlineData("x=anything", "unknown type")] // letter RFC 8866 does not define
    [InlineData("v=0", "second v=")]
    [InlineData("o=- 2 2 IN IP4 1.2.3.4", "second o=")]
    [InlineData("s=again", "second s=")]
    public void TryParse_BadTypeLetter_FailsWithItsNumber(string line, string expected)
    {
        var error = SdpAssert.ParseError(Head + line + "\r\n");

        Assert.StartsWith("Line 5:", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("m=audio", "too few fields")]
    [InlineData("m=audio 9", "too few fields")]
    [InlineData("m=audio 9 UDP/TLS/RTP/SAVPF", "no format")]
    [InlineData("m=audio 70000 RTP/AVP 0", "not 0..65535")]
    [InlineData("m=audio -1 RTP/AVP 0", "not 0..65535")]
    [InlineData("m=audio x RTP/AVP 0", "not 0..65535")]
    [InlineData("m=audio 9/0 RTP/AVP 0", "port count")]
    [InlineData("m=audio 9 UDP/TLS/RTP/SAVPF 111 opus", "payload type 0..127")]
    [InlineData("m=audio 9 UDP/TLS/RTP/SAVPF 128", "payload type 0..127")]
    public void TryParse_UnparsableMediaLine_FailsWithItsNumber(string line, string expected)
    {
        var error = SdpAssert.ParseError(Head + line + "\r\n");

        Assert.StartsWith("Line 5: m=", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a=rtpmap:garbage")]
    [InlineData("a=rtpmap:111")]
    [InlineData("a=rtpmap:111 opus")]
    [InlineData("a=rtpmap:111 opus/")]
    [InlineData("a=rtpmap:111 opus/0")]
    [InlineData("a=rtpmap:200 opus/48000")]
    [InlineData("a=rtpmap:111 opus/48000/2/9")]
    [InlineData("a=rtpmap")]
    public void TryParse_RtpmapGarbage_FailsNamingTheLine(string line)
    {
        var error = SdpAssert.ParseError(Head + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" + line + "\r\n");

        Assert.StartsWith("Line 6: a=", error, StringComparison.Ordinal);
        Assert.Contains("expected a=rtpmap:<payload type 0..127> <encoding name>/<clock rate>[/<channels>]", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a=fingerprint:sha-256 ZZ:B3:84:B1:04:0A:C8:1B:1B:04:11:51:67:88:D1:FC:E1:A2:83:8A:E2:58:CC:A2:F0:09:31:3E:39:BF:76:B3")]
    [InlineData("a=fingerprint:sha-256 04:B3:84")] // 3 bytes is not a sha-256 digest
    [InlineData("a=fingerprint:sha-256 04B384B1040AC81B1B0411516788D1FCE1A2838AE258CCA2F009313E39BF76B3")]
    [InlineData("a=fingerprint:sha-256 04::B3")]
    [InlineData("a=fingerprint:sha-256")]
    [InlineData("a=fingerprint:sha-256 4:B3")]
    public void TryParse_FingerprintWithBadHex_Fails(string line)
    {
        var error = SdpAssert.ParseError(Head + line + "\r\n");

        Assert.StartsWith("Line 5: a=", error, StringComparison.Ordinal);
        Assert.Contains("expected a=fingerprint:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a=candidate:1 1 udp 100 1.2.3.4 5000 host")]         // no "typ"
    [InlineData("a=candidate:1 1 udp 100 1.2.3.4 70000 typ host")]    // port
    [InlineData("a=candidate:1 0 udp 100 1.2.3.4 5000 typ host")]     // component 0
    [InlineData("a=candidate:1 1 udp 100 1.2.3.4 5000 typ host raddr")] // raddr without value
    [InlineData("a=extmap:0 urn:x")]
    [InlineData("a=extmap:1/sideways urn:x")]
    [InlineData("a=ssrc:abc cname:x")]
    [InlineData("a=ssrc-group:FID")]
    [InlineData("a=setup:sometimes")]
    [InlineData("a=group")]
    [InlineData("a=mid:")]
    [InlineData("a=msid:a b c")]
    [InlineData("a=rtcp-fb:x nack")]
    [InlineData("a=fmtp:96")]
    [InlineData("a=ice-ufrag:no spaces")]
    [InlineData("a=rid:h sideways")]
    [InlineData("a=simulcast:send")]
    [InlineData("a=sctp-port:99999")]
    public void TryParse_MalformedKnownAttribute_FailsNamingIt(string line)
    {
        var error = SdpAssert.ParseError(Head + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\n" + line + "\r\n");

        Assert.StartsWith("Line 6: a=", error, StringComparison.Ordinal);
        Assert.Contains("malformed", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("o=- 1 IN IP4 127.0.0.1")]
    [InlineData("o=- x 1 IN IP4 127.0.0.1")]
    [InlineData("o=- 1 1 IN IP4 127.0.0.1 extra")]
    [InlineData("o=- 99999999999999999999999 1 IN IP4 127.0.0.1")]
    public void TryParse_BadOrigin_Fails(string line)
    {
        var error = SdpAssert.ParseError("v=0\r\n" + line + "\r\ns=-\r\n");

        Assert.StartsWith("Line 2: o=", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("c=IN IP4")]
    [InlineData("t=0")]
    [InlineData("t=now later")]
    public void TryParse_BadConnectionOrTiming_Fails(string line)
    {
        Assert.StartsWith("Line 5:", SdpAssert.ParseError(Head + line + "\r\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("t=0 0")]
    [InlineData("o=- 1 1 IN IP4 127.0.0.1")]
    [InlineData("s=x")]
    [InlineData("u=http://example.com")]
    public void TryParse_SessionLineInsideMedia_Fails(string line)
    {
        var error = SdpAssert.ParseError(Head + "m=audio 9 RTP/AVP 0\r\n" + line + "\r\n");

        Assert.StartsWith("Line 6:", error, StringComparison.Ordinal);
        Assert.Contains("inside m-section 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_BlankLineInside_Fails()
    {
        Assert.StartsWith("Line 5:", SdpAssert.ParseError(Head + "\r\nm=audio 9 RTP/AVP 0\r\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_StrayCarriageReturn_Fails()
    {
        Assert.StartsWith("Line 5:", SdpAssert.ParseError(Head + "a=x:1\r2\r\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Over64KiB_IsRefusedBeforeParsing()
    {
        var sdp = Head + string.Concat(Enumerable.Repeat("a=x-padding:0123456789012345678901234567890123456789\r\n", 1300));
        Assert.True(sdp.Length > SessionDescription.MaxLength);

        var error = SdpAssert.ParseError(sdp);

        Assert.Equal($"The SDP is {sdp.Length} characters long; at most 65536 are accepted.", error);
    }

    [Fact]
    public void TryParse_Exactly64MediaSections_IsAccepted_65_IsRefused()
    {
        var section = "m=audio 9 RTP/AVP 0\r\n";

        Assert.Equal(64, SdpAssert.Parse(Head + string.Concat(Enumerable.Repeat(section, 64))).MediaDescriptions.Count);
        Assert.Equal(
            "Line 69: starts m-section 65; at most 64 are accepted.",
            SdpAssert.ParseError(Head + string.Concat(Enumerable.Repeat(section, 65))));
    }

    [Fact]
    public void TryParse_LongBadLine_IsQuotedShortAndWithoutControlCharacters()
    {
        var error = SdpAssert.ParseError(Head + new string('z', 5000) + "\t\r\n");

        Assert.True(error.Length < 200, error);
        Assert.DoesNotContain('\t', error);
    }
}
