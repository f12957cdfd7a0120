using Meurs.Media.Srtp;

namespace Meurs.Tests.Media.Srtp;

public sealed class SrtpPacketLayoutTests
{
    [Theory]
    [InlineData(0, -1, 12)]
    [InlineData(1, -1, 16)]
    [InlineData(15, -1, 72)]
    [InlineData(0, 0, 16)]
    [InlineData(0, 1, 20)]
    [InlineData(2, 3, 36)]
    [InlineData(15, 10, 116)]
    public void TryGetRtpHeaderLength_CsrcsAndExtension_CountsEveryWord(int csrcs, int extensionWords, int expected)
    {
        var packet = SrtpContextTests.Rtp(1, 2, [0xAA, 0xBB], csrcs, extensionWords);

        Assert.True(SrtpPacketLayout.TryGetRtpHeaderLength(packet, out var length));
        Assert.Equal(expected, length);
    }

    [Fact]
    public void TryGetRtpHeaderLength_HeaderOnlyPacket_IsWholePacket()
    {
        var packet = SrtpContextTests.Rtp(1, 2, [], 3, 2);

        Assert.True(SrtpPacketLayout.TryGetRtpHeaderLength(packet, out var length));
        Assert.Equal(packet.Length, length);
    }

    [Fact]
    public void TryGetRtpHeaderLength_EveryTruncationOfHeader_Refused()
    {
        var packet = SrtpContextTests.Rtp(1, 2, [], 2, 3);
        for (var cut = 0; cut < packet.Length; cut++)
        {
            Assert.False(SrtpPacketLayout.TryGetRtpHeaderLength(packet.AsSpan(0, cut), out var length));
            Assert.Equal(0, length);
        }
    }

    [Fact]
    public void TryGetRtpHeaderLength_ExtensionLengthAtMaximum_RefusedWithoutOverflow()
    {
        var packet = SrtpContextTests.Rtp(1, 2, new byte[100], 0, 1);
        packet[14] = 0xFF;
        packet[15] = 0xFF;

        Assert.False(SrtpPacketLayout.TryGetRtpHeaderLength(packet, out _));
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x40)]
    [InlineData(0xC0)]
    public void TryGetRtpHeaderLength_NotVersion2_Refused(byte firstByte)
    {
        var packet = SrtpContextTests.Rtp(1, 2, new byte[20]);
        packet[0] = firstByte;

        Assert.False(SrtpPacketLayout.TryGetRtpHeaderLength(packet, out _));
    }

    [Fact]
    public void IsRtcpHeaderSane_SevenBytesOrWrongVersion_False()
    {
        var rtcp = SrtpContextTests.Rtcp(1, []);

        Assert.True(SrtpPacketLayout.IsRtcpHeaderSane(rtcp));
        Assert.False(SrtpPacketLayout.IsRtcpHeaderSane(rtcp.AsSpan(0, 7)));
        rtcp[0] = 0x40;
        Assert.False(SrtpPacketLayout.IsRtcpHeaderSane(rtcp));
    }
}
