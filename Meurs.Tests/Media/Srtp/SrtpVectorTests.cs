using Meurs.Media.Srtp;

namespace Meurs.Tests.Media.Srtp;

public sealed class SrtpVectorTests
{
    // RFC 3711 Appendix B.3 inputs (also libsrtp's test_key).
    private static readonly byte[] B3MasterKey = Hex("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static readonly byte[] B3MasterSalt = Hex("0EC675AD498AFEEBB6960B3AABE6");

    // RFC 3711 B.2: session key and the salt already multiplied by 2^16 (the IV for SSRC 0, i 0).
    private static readonly byte[] B2SessionKey = Hex("2B7E151628AED2A6ABF7158809CF4F3C");
    private static readonly byte[] B2Offset = Hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");

    // RFC 7714 §16 (and §17 for RTCP): session key and salt given directly.
    private static readonly byte[] GcmKey = Hex("000102030405060708090a0b0c0d0e0f");
    private static readonly byte[] GcmSalt = Hex("517569642070726f2071756f");

    private static readonly byte[] GcmRtp = Hex(
        "8040f17b" +                                    // V=2, PT=64, sequence number 0xf17b
        "8041f8d3" +                                    // timestamp
        "5501a0b2" +                                    // SSRC
        "47616c6c 69612065 7374206f 6d6e6973" +         // "Gallia est omnis divisa in partes tres"
        "20646976 69736120 696e2070 61727465" +
        "73207472 6573");

    private static readonly byte[] GcmSrtp = Hex(
        "8040f17b 8041f8d3 5501a0b2" +                  // header in clear (the AAD)
        "f24de3a3 fb34de6c acba861c 9d7e4bca" +         // ciphertext ...
        "be633bd5 0d294e6f 42a5f47a 51c7d19b" +
        "36de3adf 8833" +                               // ... ciphertext
        "899d 7f27beb1 6a9152cf 765ee439 0cce");        // 16-byte tag

    private static readonly byte[] GcmRtcp = Hex(
        "81c8000d" +                                    // V=2 RC=1, PT=200 SR, length 13
        "4d617273" +                                    // SSRC of sender "Mars"
        "4e545031 4e545032" +                           // NTP timestamp "NTP1" "NTP2"
        "52545020" +                                    // RTP timestamp "RTP "
        "0000042a 0000e930" +                           // packet count 1066, octet count 59696
        "4c756e61" +                                    // SSRC_1 "Luna"
        "deadbeef deadbeef deadbeef deadbeef deadbeef"); // report block body (the vector's filler)

    private static readonly byte[] GcmSrtcp = Hex(
        "81c8000d 4d617273" +                           // header and sender SSRC in clear
        "63e94885 dcdab67c a727d766 2f6b7e99" +         // ciphertext ...
        "7ff5c0f7 6c06f32d c676a5f1 730d6fda" +
        "4ce09b46 86303ded 0bb9275b" +                  // ... ciphertext
        "c84aa458 96cf4d2f c5abf872 45d9eade" +         // 16-byte tag
        "800005d4");                                    // E=1, SRTCP index 0x5d4

    private static readonly byte[] GcmSrtcpAuthenticatedOnly = Hex(
        "81c8000d 4d617273 4e545031 4e545032" +         // the whole RTCP packet in clear ...
        "52545020 0000042a 0000e930 4c756e61" +
        "deadbeef deadbeef deadbeef deadbeef deadbeef" + // ... (all of it is AAD)
        "841dd968 3dd78ec9 2ae58790 125f62b3" +         // 16-byte tag
        "000005d4");                                    // E=0, SRTCP index 0x5d4

    [Fact]
    public void DeriveSessionKey_Rfc3711B3CipherKey_MatchesExactly()
    {
        var key = new byte[16];
        SrtpKeyDerivation.DeriveSessionKey(B3MasterKey, B3MasterSalt, SrtpKeyLabel.SrtpEncryption, key);

        Assert.Equal(Hex("C61E7A93744F39EE10734AFE3FF7A087"), key);
    }

    [Fact]
    public void DeriveSessionKey_Rfc3711B3CipherSalt_MatchesWholeAesOutputBlock()
    {
        // B.3 shows the full AES output block; the salt is its first 14 octets.
        var block = new byte[16];
        SrtpKeyDerivation.DeriveSessionKey(B3MasterKey, B3MasterSalt, SrtpKeyLabel.SrtpSalt, block);

        Assert.Equal(Hex("30CBBC08863D8C85D49DB34A9AE17AC6"), block);
    }

    [Fact]
    public void DeriveSessionKey_Rfc3711B3AuthKey94Octets_MatchesEveryBlock()
    {
        var key = new byte[94];
        SrtpKeyDerivation.DeriveSessionKey(B3MasterKey, B3MasterSalt, SrtpKeyLabel.SrtpAuthentication, key);

        var expected = Hex(
            "CEBE321F6FF7716B6FD4AB49AF256A15" +        // AES input ...EAB6960B3AABE60000
            "6D38BAA48F0A0ACF3C34E2359E6CDBCE" +        // ...0001
            "E049646C43D9327AD175578EF7227098" +        // ...0002
            "6371C10C9A369AC2F94A8C5FBCDDDC25" +        // ...0003
            "6D6E919A48B610EF17C2041E47403576" +        // ...0004
            "6B68642C59BBFC2F34DB60DBDFB2");            // ...0005, first 14 octets
        Assert.Equal(expected, key);
    }

    [Fact]
    public void Derive_Rfc3711B3_GivesProfileSizedSessionKeys()
    {
        var keys = SrtpSessionKeys.Derive(
            new SrtpMasterKeys(SrtpProfile.Aes128CmHmacSha1_80, B3MasterKey, B3MasterSalt));

        Assert.Equal(Hex("C61E7A93744F39EE10734AFE3FF7A087"), keys.SrtpEncryptionKey.ToArray());
        Assert.Equal(Hex("30CBBC08863D8C85D49DB34A9AE1"), keys.SrtpSalt.ToArray());
        Assert.Equal(Hex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"), keys.SrtpAuthenticationKey.ToArray());
        Assert.NotEqual(keys.SrtpEncryptionKey.ToArray(), keys.SrtcpEncryptionKey.ToArray());
        Assert.Equal(14, keys.SrtcpSalt.Length);
        Assert.Equal(20, keys.SrtcpAuthenticationKey.Length);
    }

    [Fact]
    public void Derive_GcmProfile_Gives12ByteSaltsAndNoAuthKeys()
    {
        var keys = SrtpSessionKeys.Derive(
            new SrtpMasterKeys(SrtpProfile.AeadAes128Gcm, B3MasterKey, B3MasterSalt.AsSpan(0, 12)));

        // RFC 7714 §11: the 96-bit master salt is left-aligned in the KDF's 112-bit x.
        var expectedKey = new byte[16];
        var paddedSalt = new byte[14];
        B3MasterSalt.AsSpan(0, 12).CopyTo(paddedSalt);
        SrtpKeyDerivation.DeriveSessionKey(B3MasterKey, paddedSalt, SrtpKeyLabel.SrtpEncryption, expectedKey);

        Assert.Equal(expectedKey, keys.SrtpEncryptionKey.ToArray());
        Assert.Equal(12, keys.SrtpSalt.Length);
        Assert.Equal(0, keys.SrtpAuthenticationKey.Length);
        Assert.Equal(0, keys.SrtcpAuthenticationKey.Length);
    }

    [Fact]
    public void Transform_Rfc3711B2_FirstThreeKeystreamBlocks()
    {
        using var cipher = new AesCounterMode(B2SessionKey);
        var keystream = new byte[48];
        cipher.Transform(B2Offset, keystream, keystream);

        Assert.Equal(
            Hex("E03EAD0935C95E80E166B16DD92B4EB4" +    // counter ...FCFD0000
                "D23513162B02D0F72A43A2FE4A5F97AB" +    // counter ...FCFD0001
                "41E95B3BB0A2E8DD477901E4FCA894C0"),    // counter ...FCFD0002
            keystream);
    }

    [Fact]
    public void Transform_Rfc3711B2_LastThreeKeystreamBlocksInOneLongRun()
    {
        // One 0xFF02-block run crosses the internal chunk boundary hundreds of times.
        using var cipher = new AesCounterMode(B2SessionKey);
        var keystream = new byte[0xFF02 * 16];
        cipher.Transform(B2Offset, keystream, keystream);

        Assert.Equal(
            Hex("EC8CDF7398607CB0F2D21675EA9EA1E4" +    // counter ...FCFDFEFF
                "362B7C3C6773516318A077D7FC5073AE" +    // counter ...FCFDFF00
                "6A2CC3787889374FBEB4C81B17BA6C44"),    // counter ...FCFDFF01
            keystream.AsSpan(0xFEFF * 16).ToArray());
        Assert.Equal(Hex("E03EAD0935C95E80E166B16DD92B4EB4"), keystream.AsSpan(0, 16).ToArray());
    }

    [Fact]
    public void TryProtectRtp_Rfc3711B2SessionKeys_PayloadIsKeystream()
    {
        // SSRC 0, sequence 0, ROC 0: the IV is the B.2 offset, so zero payload turns into keystream.
        var keys = new SrtpSessionKeys(
            SrtpProfile.Aes128CmHmacSha1_80,
            B2SessionKey, B2Offset.AsSpan(0, 14), new byte[20],
            B2SessionKey, B2Offset.AsSpan(0, 14), new byte[20]);
        using var context = new SrtpContext(keys);
        byte[] rtp =
        [
            0x80, 0x0F, 0x00, 0x00,                     // V=2, PT=15, sequence number 0
            0xDE, 0xCA, 0xFB, 0xAD,                     // timestamp
            0x00, 0x00, 0x00, 0x00,                     // SSRC 0
            .. new byte[48],                            // payload: zeros
        ];
        var output = new byte[rtp.Length + context.RtpOverhead];

        Assert.True(context.TryProtectRtp(rtp, output, out var written));
        Assert.Equal(rtp.Length + 10, written);
        Assert.Equal(rtp.AsSpan(0, 12).ToArray(), output.AsSpan(0, 12).ToArray());
        Assert.Equal(
            Hex("E03EAD0935C95E80E166B16DD92B4EB4D23513162B02D0F72A43A2FE4A5F97AB41E95B3BB0A2E8DD477901E4FCA894C0"),
            output.AsSpan(12, 48).ToArray());
    }

    [Fact]
    public void TryProtectRtp_LibsrtpValidateVector_MatchesExactly()
    {
        // libsrtp test/srtp_driver.c srtp_validate(): default policy, master key/salt of B.3,
        // SSRC 0xcafebabe.
        using var sender = new SrtpContext(
            new SrtpMasterKeys(SrtpProfile.Aes128CmHmacSha1_80, B3MasterKey, B3MasterSalt));
        byte[] rtp =
        [
            0x80, 0x0F, 0x12, 0x34,                     // V=2, PT=15, sequence number 0x1234
            0xDE, 0xCA, 0xFB, 0xAD,                     // timestamp
            0xCA, 0xFE, 0xBA, 0xBE,                     // SSRC
            0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, // payload: 16 x 0xab
            0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB,
        ];
        var expected = Hex(
            "800f1234 decafbad cafebabe" +              // header in clear
            "4e55dc4c e79978d8 8ca4d215 949d2402" +     // AES-CM ciphertext
            "b78d6acc 99ea179b 8dbb");                  // HMAC-SHA1-80 over header, ciphertext, ROC 0

        var output = new byte[expected.Length];
        Assert.True(sender.TryProtectRtp(rtp, output, out var written));
        Assert.Equal(expected.Length, written);
        Assert.Equal(expected, output);

        using var receiver = new SrtpContext(
            new SrtpMasterKeys(SrtpProfile.Aes128CmHmacSha1_80, B3MasterKey, B3MasterSalt));
        var plain = new byte[rtp.Length];
        Assert.True(receiver.TryUnprotectRtp(expected, plain, out written));
        Assert.Equal(rtp, plain.AsSpan(0, written).ToArray());
    }

    [Fact]
    public void TryProtectRtcp_LibsrtpValidateVector_MatchesExactly()
    {
        using var sender = new SrtpContext(
            new SrtpMasterKeys(SrtpProfile.Aes128CmHmacSha1_80, B3MasterKey, B3MasterSalt));
        byte[] rtcp =
        [
            0x81, 0xC8, 0x00, 0x0B,                     // V=2 RC=1, PT=200 SR, length 11
            0xCA, 0xFE, 0xBA, 0xBE,                     // SSRC of sender
            0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, // body: 16 x 0xab
            0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB, 0xAB,
        ];
        var expected = Hex(
            "81c8000b cafebabe" +                       // header and SSRC in clear
            "7128035b e487b9bd bef89041 f977a5a8" +     // AES-CM ciphertext
            "80000001" +                                // E=1, SRTCP index 1
            "993e08cd 54d6c123 0798");                  // HMAC-SHA1-80

        // libsrtp numbers its first SRTCP packet 1; RFC 3711 §3.4 starts at 0.
        Assert.True(sender.SetSenderSrtcpIndex(0xCAFEBABE, 1));
        var output = new byte[expected.Length];
        Assert.True(sender.TryProtectRtcp(rtcp, output, out var written));
        Assert.Equal(expected.Length, written);
        Assert.Equal(expected, output);

        using var receiver = new SrtpContext(
            new SrtpMasterKeys(SrtpProfile.Aes128CmHmacSha1_80, B3MasterKey, B3MasterSalt));
        var plain = new byte[rtcp.Length];
        Assert.True(receiver.TryUnprotectRtcp(expected, plain, out written));
        Assert.Equal(rtcp, plain.AsSpan(0, written).ToArray());
    }

    [Fact]
    public void TryProtectRtp_Rfc7714Section16_MatchesExactly()
    {
        using var sender = new SrtpContext(GcmSessionKeys());
        var output = new byte[GcmSrtp.Length];

        Assert.True(sender.TryProtectRtp(GcmRtp, output, out var written));
        Assert.Equal(GcmSrtp.Length, written);
        Assert.Equal(GcmSrtp, output);
    }

    [Fact]
    public void TryUnprotectRtp_Rfc7714Section16_RecoversPlaintext()
    {
        using var receiver = new SrtpContext(GcmSessionKeys());
        var output = new byte[GcmRtp.Length];

        Assert.True(receiver.TryUnprotectRtp(GcmSrtp, output, out var written));
        Assert.Equal(GcmRtp.Length, written);
        Assert.Equal(GcmRtp, output);
    }

    [Fact]
    public void TryProtectRtcp_Rfc7714Section17_MatchesExactly()
    {
        using var sender = new SrtpContext(GcmSessionKeys());
        Assert.True(sender.SetSenderSrtcpIndex(0x4D617273, 0x5D4));
        var output = new byte[GcmSrtcp.Length];

        Assert.True(sender.TryProtectRtcp(GcmRtcp, output, out var written));
        Assert.Equal(GcmSrtcp.Length, written);
        Assert.Equal(GcmSrtcp, output);
    }

    [Fact]
    public void TryUnprotectRtcp_Rfc7714Section17Encrypted_RecoversPlaintext()
    {
        using var receiver = new SrtpContext(GcmSessionKeys());
        var output = new byte[GcmRtcp.Length];

        Assert.True(receiver.TryUnprotectRtcp(GcmSrtcp, output, out var written));
        Assert.Equal(GcmRtcp, output.AsSpan(0, written).ToArray());
    }

    [Fact]
    public void TryUnprotectRtcp_Rfc7714Section17AuthenticatedOnly_RecoversPlaintext()
    {
        using var receiver = new SrtpContext(GcmSessionKeys());
        var output = new byte[GcmRtcp.Length];

        Assert.True(receiver.TryUnprotectRtcp(GcmSrtcpAuthenticatedOnly, output, out var written));
        Assert.Equal(GcmRtcp, output.AsSpan(0, written).ToArray());
    }

    [Fact]
    public void TryUnprotectRtcp_Rfc7714AuthenticatedOnlyWithEFlagSet_IsRefused()
    {
        // The E flag is authenticated: claiming encryption changes the AAD and the tag fails.
        using var receiver = new SrtpContext(GcmSessionKeys());
        var forged = GcmSrtcpAuthenticatedOnly.ToArray();
        forged[^4] |= 0x80;

        Assert.False(receiver.TryUnprotectRtcp(forged, new byte[forged.Length], out var written));
        Assert.Equal(0, written);
        Assert.Equal(1, receiver.Stats.AuthFailures);
    }

    private static SrtpSessionKeys GcmSessionKeys() =>
        new(SrtpProfile.AeadAes128Gcm, GcmKey, GcmSalt, [], GcmKey, GcmSalt, []);

    internal static byte[] Hex(string hex) =>
        Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));
}
