using Meurs.Media.Dtls;
using Meurs.Media.Srtp;

namespace Meurs.Tests.Media.Dtls;

public sealed class DtlsSrtpKeysTests
{
    [Fact]
    public void FromExporterOutput_AesCm_SplitsClientKeyServerKeyClientSaltServerSalt()
    {
        // RFC 5764 §4.2: client_write_SRTP_master_key[16] | server_write_SRTP_master_key[16] |
        // client_write_SRTP_master_salt[14] | server_write_SRTP_master_salt[14] = 60 bytes.
        var material = Enumerable.Range(0, 60).Select(i => (byte)i).ToArray();

        var keys = DtlsSrtpKeys.FromExporterOutput(SrtpProfile.Aes128CmHmacSha1_80, material);

        Assert.Equal((SrtpProfile)0x0001, keys.Profile);
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

        var keys = DtlsSrtpKeys.FromExporterOutput(SrtpProfile.AeadAes128Gcm, material);

        Assert.Equal((SrtpProfile)0x0007, keys.Profile);
        Assert.Equal(Enumerable.Range(100, 16).Select(i => (byte)i), keys.ClientKey);
        Assert.Equal(Enumerable.Range(116, 16).Select(i => (byte)i), keys.ServerKey);
        Assert.Equal(Enumerable.Range(132, 12).Select(i => (byte)i), keys.ClientSalt);
        Assert.Equal(Enumerable.Range(144, 12).Select(i => (byte)i), keys.ServerSalt);
    }

    [Fact]
    public void LocalAndRemote_DependOnRole()
    {
        var keys = DtlsSrtpKeys.FromExporterOutput(SrtpProfile.AeadAes128Gcm, new byte[56].Select((_, i) => (byte)i).ToArray());

        Assert.Same(keys.ServerKey, keys.LocalKey(DtlsRole.Server));
        Assert.Same(keys.ServerSalt, keys.LocalSalt(DtlsRole.Server));
        Assert.Same(keys.ClientKey, keys.RemoteKey(DtlsRole.Server));
        Assert.Same(keys.ClientSalt, keys.RemoteSalt(DtlsRole.Server));
        Assert.Same(keys.ClientKey, keys.LocalKey(DtlsRole.Client));
        Assert.Same(keys.ServerSalt, keys.RemoteSalt(DtlsRole.Client));
    }

    [Theory]
    [InlineData((ushort)SrtpProfile.Aes128CmHmacSha1_80, 59)]
    [InlineData((ushort)SrtpProfile.Aes128CmHmacSha1_80, 56)]
    [InlineData((ushort)SrtpProfile.AeadAes128Gcm, 60)]
    [InlineData((ushort)0x0002, 60)] // SRTP_AES128_CM_HMAC_SHA1_32: not offered here
    public void FromExporterOutput_WrongLengthOrProfile_Throws(ushort profile, int length)
    {
        Assert.Throws<ArgumentException>(() => DtlsSrtpKeys.FromExporterOutput((SrtpProfile)profile, new byte[length]));
    }

    [Fact]
    public void ProfileLengths_KnownAndUnknownProfiles()
    {
        // The use_srtp ids (RFC 5764 §4.1.2, RFC 7714 §14.2) map to the key and salt sizes exported.
        var cm = (SrtpProfile)0x0001;
        Assert.Equal((16, 14), (cm.MasterKeyLength, cm.MasterSaltLength));
        var gcm = (SrtpProfile)0x0007;
        Assert.Equal((16, 12), (gcm.MasterKeyLength, gcm.MasterSaltLength));
        Assert.False(((SrtpProfile)0x0008).IsSupported);
        Assert.Equal((0, 0), (((SrtpProfile)0x0008).MasterKeyLength, ((SrtpProfile)0x0008).MasterSaltLength));
    }
}
