using Meurs.Media.Dtls;

namespace Meurs.Tests.Media.Dtls;

public sealed class DtlsSrtpKeysTests
{
    [Fact]
    public void FromExporterOutput_AesCm_SplitsClientKeyServerKeyClientSaltServerSalt()
    {
        // RFC 5764 §4.2: client_write_SRTP_master_key[16] | server_write_SRTP_master_key[16] |
        // client_write_SRTP_master_salt[14] | server_write_SRTP_master_salt[14] = 60 bytes.
        var material = Enumerable.Range(0, 60).Select(i => (byte)i).ToArray();

        var keys = DtlsSrtpKeys.FromExporterOutput(SrtpProtectionProfiles.Aes128CmHmacSha1Bits80, material);

        Assert.Equal(0x0001, keys.ProfileId);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => (byte)i), keys.ClientKey);
        Assert.Equal(Enumerable.Range(16, 16).Select(i => (byte)i), keys.ServerKey);
        Assert.Equal(Enumerable.Range(32, 14).Select(i => (byte)i), keys.ClientSalt);
        Assert.Equal(Enumerable.Range(46, 14).Select(i => (byte)i), keys.ServerSalt);
    }

    [Fact]
    public void FromExporterOutput_Gcm_Uses16ByteKeysAnd12ByteSalts()
    {
        // RFC 7714 §12: AEAD_AES_128_GCM master key 16, master salt 12 -> 56 bytes exported.
        var material = Enumerable.Range(100, 56).Select(i => (byte)i).ToArray();

        var keys = DtlsSrtpKeys.FromExporterOutput(SrtpProtectionProfiles.AeadAes128Gcm, material);

        Assert.Equal(0x0007, keys.ProfileId);
        Assert.Equal(Enumerable.Range(100, 16).Select(i => (byte)i), keys.ClientKey);
        Assert.Equal(Enumerable.Range(116, 16).Select(i => (byte)i), keys.ServerKey);
        Assert.Equal(Enumerable.Range(132, 12).Select(i => (byte)i), keys.ClientSalt);
        Assert.Equal(Enumerable.Range(144, 12).Select(i => (byte)i), keys.ServerSalt);
    }

    [Fact]
    public void LocalAndRemote_DependOnRole()
    {
        var keys = DtlsSrtpKeys.FromExporterOutput(SrtpProtectionProfiles.AeadAes128Gcm, new byte[56].Select((_, i) => (byte)i).ToArray());

        Assert.Same(keys.ServerKey, keys.LocalKey(DtlsRole.Server));
        Assert.Same(keys.ServerSalt, keys.LocalSalt(DtlsRole.Server));
        Assert.Same(keys.ClientKey, keys.RemoteKey(DtlsRole.Server));
        Assert.Same(keys.ClientSalt, keys.RemoteSalt(DtlsRole.Server));
        Assert.Same(keys.ClientKey, keys.LocalKey(DtlsRole.Client));
        Assert.Same(keys.ServerSalt, keys.RemoteSalt(DtlsRole.Client));
    }

    [Theory]
    [InlineData(SrtpProtectionProfiles.Aes128CmHmacSha1Bits80, 59)]
    [InlineData(SrtpProtectionProfiles.Aes128CmHmacSha1Bits80, 56)]
    [InlineData(SrtpProtectionProfiles.AeadAes128Gcm, 60)]
    [InlineData(0x0002, 60)] // SRTP_AES128_CM_HMAC_SHA1_32: not offered here
    public void FromExporterOutput_WrongLengthOrProfile_Throws(ushort profile, int length)
    {
        Assert.Throws<ArgumentException>(() => DtlsSrtpKeys.FromExporterOutput(profile, new byte[length]));
    }

    [Fact]
    public void TryGetLengths_KnownAndUnknownProfiles()
    {
        Assert.True(SrtpProtectionProfiles.TryGetLengths(0x0001, out var cmKey, out var cmSalt));
        Assert.Equal((16, 14), (cmKey, cmSalt));
        Assert.True(SrtpProtectionProfiles.TryGetLengths(0x0007, out var gcmKey, out var gcmSalt));
        Assert.Equal((16, 12), (gcmKey, gcmSalt));
        Assert.False(SrtpProtectionProfiles.TryGetLengths(0x0008, out _, out _));
    }
}
