using System.Security.Cryptography;
using Meurs.Media.Rtp;
using Meurs.Media.Srtp;

namespace Meurs.Tests.Media.Dtls;

/// <summary>
/// A known-answer test of the DTLS-SRTP key export (RFC 5764 §4.2): the keys SRTP is built with are the TLS exporter's
/// output under the label "EXTRACTOR-dtls_srtp", cut as client key | server key | client salt | server salt. The
/// exporter here is the TLS 1.2 one (RFC 5705 §4: PRF(master_secret, label, client_random + server_random)) written
/// in the test from RFC 5246 §5 with HMAC-SHA256 on a fixed master secret and randoms, and its output is pinned to bytes
/// computed outside .NET. Loopback tests cannot catch a wrong label or split, since both ends share Meurs.Media's code.
/// </summary>
public sealed class DtlsSrtpExporterKnownAnswerTests
{
    private static readonly byte[] MasterSecret = [.. Enumerable.Range(0, 48).Select(i => (byte)i)];
    private static readonly byte[] ClientRandom = [.. Enumerable.Range(0xA0, 32).Select(i => (byte)i)];
    private static readonly byte[] ServerRandom = [.. Enumerable.Range(0x40, 32).Select(i => (byte)i)];

    // `openssl kdf -keylen 60 -kdfopt digest:SHA256 -kdfopt hexsecret:000102…2f
    //   -kdfopt hexseed:<"EXTRACTOR-dtls_srtp" in hex>a0a1…bf4041…5f TLS1-PRF` (OpenSSL 3), and the same from Python's hmac.
    private static readonly byte[] Expected = Convert.FromHexString(
        "54a89c9a4962e7812c689ab6f96784ad" // client_write_SRTP_master_key
        + "ddd2b701c81532c6a122b873a8a37a22" // server_write_SRTP_master_key
        + "43355acc032b1b856e2b1c6f389b" // client_write_SRTP_master_salt (14 bytes for AES-CM)
        + "e5f894fb84417198bc4a514e8751"); // server_write_SRTP_master_salt

    [Fact]
    public void Prf_FixedMasterSecretAndRandoms_MatchesOpenSslsTls1Prf()
    {
        Assert.Equal(Expected, new Tls12Exporter().ExportKeyingMaterial("EXTRACTOR-dtls_srtp", 60));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FromDtls_AesCm_ProtectsWithTheRoleKeysOfTheRfc5764LabelAndSplit(bool isDtlsClient)
    {
        var exporter = new Tls12Exporter();
        using var session = SrtpSession.FromDtls(exporter, SrtpProfile.Aes128CmHmacSha1_80, isDtlsClient);

        Assert.Equal(["EXTRACTOR-dtls_srtp"], exporter.Labels);
        var client = new SrtpMasterKeys(SrtpProfile.Aes128CmHmacSha1_80, Expected.AsSpan(0, 16), Expected.AsSpan(32, 14));
        var server = new SrtpMasterKeys(SrtpProfile.Aes128CmHmacSha1_80, Expected.AsSpan(16, 16), Expected.AsSpan(46, 14));
        AssertSessionUses(session, local: isDtlsClient ? client : server, remote: isDtlsClient ? server : client);
    }

    [Fact]
    public void FromDtls_Gcm_Takes56BytesWith12ByteSalts()
    {
        var exporter = new Tls12Exporter();
        using var session = SrtpSession.FromDtls(exporter, SrtpProfile.AeadAes128Gcm, isDtlsClient: false);

        // The PRF's first 56 bytes are the same stream: key | key | 12-byte salt | 12-byte salt (RFC 7714 §12).
        var client = new SrtpMasterKeys(SrtpProfile.AeadAes128Gcm, Expected.AsSpan(0, 16), Expected.AsSpan(32, 12));
        var server = new SrtpMasterKeys(SrtpProfile.AeadAes128Gcm, Expected.AsSpan(16, 16), Expected.AsSpan(44, 12));
        AssertSessionUses(session, local: server, remote: client);
    }

    // The session protects exactly as a context under the expected local keys does, and opens what the peer's keys sealed.
    private static void AssertSessionUses(SrtpSession session, SrtpMasterKeys local, SrtpMasterKeys remote)
    {
        var rtp = RtpPacketWriter.Write(new RtpHeader { PayloadType = 111, SequenceNumber = 7, Timestamp = 960, Ssrc = 0x11223344 }, [1, 2, 3, 4, 5, 6, 7, 8]);
        using var expectedOut = new SrtpContext(local);
        var ours = new byte[128];
        var theirs = new byte[128];
        Assert.True(session.TryProtectRtp(rtp, ours, out var oursLength));
        Assert.True(expectedOut.TryProtectRtp(rtp, theirs, out var theirsLength));
        Assert.Equal(theirs[..theirsLength], ours[..oursLength]);

        using var peer = new SrtpContext(remote);
        Assert.True(peer.TryProtectRtp(rtp, theirs, out theirsLength));
        var plain = new byte[128];
        Assert.True(session.TryUnprotectRtp(theirs.AsSpan(0, theirsLength), plain, out var plainLength));
        Assert.Equal(rtp, plain[..plainLength]);
    }

    // RFC 5705 §4 without context over TLS 1.2's PRF (RFC 5246 §5): P_SHA256(secret, label + client_random + server_random).
    private sealed class Tls12Exporter : ISrtpKeyingMaterialExporter
    {
        public List<string> Labels { get; } = [];

        public byte[] ExportKeyingMaterial(string label, int length)
        {
            Labels.Add(label);
            byte[] seed = [.. System.Text.Encoding.ASCII.GetBytes(label), .. ClientRandom, .. ServerRandom];
            var output = new List<byte>();
            var a = seed;
            while (output.Count < length)
            {
                a = HMACSHA256.HashData(MasterSecret, a);
                byte[] block = [.. a, .. seed];
                output.AddRange(HMACSHA256.HashData(MasterSecret, block));
            }
            return [.. output.Take(length)];
        }
    }
}
