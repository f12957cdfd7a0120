using Meurs.Media.Srtp;

namespace Meurs.Tests.Media.Srtp;

public sealed class SrtpSessionTests
{
    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80, 16, 14, 10, 14, 60)]
    [InlineData(SrtpProfile.AeadAes128Gcm, 16, 12, 16, 20, 56)]
    public void Profile_Sizes_MatchTheRfcs(
        SrtpProfile profile, int key, int salt, int rtpOverhead, int rtcpOverhead, int dtlsMaterial)
    {
        Assert.True(profile.IsSupported);
        Assert.Equal(key, profile.MasterKeyLength);
        Assert.Equal(salt, profile.MasterSaltLength);
        Assert.Equal(rtpOverhead, profile.RtpOverhead);
        Assert.Equal(rtcpOverhead, profile.RtcpOverhead);
        Assert.Equal(dtlsMaterial, SrtpMasterKeys.DtlsKeyingMaterialLength(profile));
    }

    [Fact]
    public void Profile_Unsupported_HasNoSizes()
    {
        var profile = (SrtpProfile)0x0002; // SRTP_AES128_CM_HMAC_SHA1_32, not implemented

        Assert.False(profile.IsSupported);
        Assert.Equal(0, profile.MasterKeyLength);
        Assert.Equal(0, profile.RtcpOverhead);
        Assert.Throws<ArgumentException>(() => new SrtpMasterKeys(profile, new byte[16], new byte[14]));
    }

    [Fact]
    public void TrySplitDtlsKeyingMaterial_Rfc5764Layout_KeysThenSalts()
    {
        var material = Enumerable.Range(0, 60).Select(i => (byte)i).ToArray();

        Assert.True(SrtpMasterKeys.TrySplitDtlsKeyingMaterial(
            SrtpProfile.Aes128CmHmacSha1_80, material, out var client, out var server));
        Assert.Equal(material[0..16], client.MasterKey.ToArray());
        Assert.Equal(material[16..32], server.MasterKey.ToArray());
        Assert.Equal(material[32..46], client.MasterSalt.ToArray());
        Assert.Equal(material[46..60], server.MasterSalt.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(59)]
    [InlineData(61)]
    public void TrySplitDtlsKeyingMaterial_WrongLength_False(int length)
    {
        Assert.False(SrtpMasterKeys.TrySplitDtlsKeyingMaterial(
            SrtpProfile.Aes128CmHmacSha1_80, new byte[length], out var client, out var server));
        Assert.Null(client);
        Assert.Null(server);
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void FromDtls_ClientAndServer_ReadEachOther(SrtpProfile profile)
    {
        var exporter = new FixedExporter(profile);
        using var client = SrtpSession.FromDtls(exporter, profile, isDtlsClient: true);
        using var server = SrtpSession.FromDtls(exporter, profile, isDtlsClient: false);
        var rtp = SrtpContextTests.Rtp(3, 0x1234, [1, 2, 3, 4, 5]);
        var rtcp = SrtpContextTests.Rtcp(0x1234, [9, 9, 9, 9]);

        AssertDelivers(client, server, rtp, rtcp);
        AssertDelivers(server, client, rtp, rtcp);
        Assert.Equal(SrtpSession.DtlsSrtpExporterLabel, exporter.LastLabel);
    }

    [Fact]
    public void FromDtls_SameSide_CannotReadItself()
    {
        // A session protects with its own write key and reads with the peer's.
        var exporter = new FixedExporter(SrtpProfile.AeadAes128Gcm);
        using var client = SrtpSession.FromDtls(exporter, SrtpProfile.AeadAes128Gcm, isDtlsClient: true);
        using var alsoClient = SrtpSession.FromDtls(exporter, SrtpProfile.AeadAes128Gcm, isDtlsClient: true);
        var rtp = SrtpContextTests.Rtp(3, 0x1234, [1, 2, 3]);
        var srtp = new byte[rtp.Length + 16];

        Assert.True(client.TryProtectRtp(rtp, srtp, out _));
        Assert.False(alsoClient.TryUnprotectRtp(srtp, new byte[srtp.Length], out _));
        Assert.Equal(1, alsoClient.Stats.AuthFailures);
    }

    [Fact]
    public void Constructor_MixedProfiles_Throws()
    {
        var cm = SrtpContextTests.Keys(SrtpProfile.Aes128CmHmacSha1_80);
        var gcm = SrtpContextTests.Keys(SrtpProfile.AeadAes128Gcm);

        Assert.Throws<ArgumentException>(() => new SrtpSession(cm, gcm));
    }

    private static void AssertDelivers(SrtpSession from, SrtpSession to, byte[] rtp, byte[] rtcp)
    {
        var srtp = new byte[rtp.Length + from.Outbound.RtpOverhead];
        Assert.True(from.TryProtectRtp(rtp, srtp, out _));
        var plain = new byte[srtp.Length];
        Assert.True(to.TryUnprotectRtp(srtp, plain, out var written));
        Assert.Equal(rtp, plain[..written]);

        var srtcp = new byte[rtcp.Length + from.Outbound.RtcpOverhead];
        Assert.True(from.TryProtectRtcp(rtcp, srtcp, out _));
        Assert.True(to.TryUnprotectRtcp(srtcp, plain, out written));
        Assert.Equal(rtcp, plain[..written]);
    }

    private sealed class FixedExporter(SrtpProfile profile) : ISrtpKeyingMaterialExporter
    {
        public string? LastLabel { get; private set; }

        public byte[] ExportKeyingMaterial(string label, int length)
        {
            LastLabel = label;
            Assert.Equal(SrtpMasterKeys.DtlsKeyingMaterialLength(profile), length);
            return Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        }
    }
}
