using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Meurs.Media.Srtp;

/// <summary>
/// AesCmHmacSha1Cipher is SRTP_AES128_CM_HMAC_SHA1_80: AES-128 counter mode (RFC 3711 §4.1.1)
/// and HMAC-SHA1 truncated to 80 bits (RFC 3711 §4.2.1).
/// </summary>
internal sealed class AesCmHmacSha1Cipher : SrtpCipher
{
    private const int SaltLength = 14;
    private const int Tag = 10;

    private readonly AesCounterMode rtpCipher;
    private readonly AesCounterMode rtcpCipher;
    private readonly IncrementalHash rtpAuth;
    private readonly IncrementalHash rtcpAuth;
    private readonly byte[] rtpSalt = new byte[SaltLength];
    private readonly byte[] rtcpSalt = new byte[SaltLength];

    public AesCmHmacSha1Cipher(SrtpSessionKeys keys)
    {
        rtpCipher = new AesCounterMode(keys.SrtpEncryptionKey);
        rtpAuth = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, keys.SrtpAuthenticationKey);
        keys.SrtpSalt.CopyTo(rtpSalt);
        rtcpCipher = new AesCounterMode(keys.SrtcpEncryptionKey);
        rtcpAuth = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, keys.SrtcpAuthenticationKey);
        keys.SrtcpSalt.CopyTo(rtcpSalt);
    }

    public override int TagLength => Tag;

    // RFC 3711 §3.4: E || SRTCP index comes before the tag, since it is authenticated.
    public override int SrtcpTrailerOffset(int protectedLength) => protectedLength - Tag - 4;

    public override void ProtectRtp(ReadOnlySpan<byte> rtp, int headerLength, uint ssrc, ulong index, Span<byte> output)
    {
        Span<byte> iv = stackalloc byte[AesCounterMode.BlockSize];
        BuildIv(iv, rtpSalt, ssrc, index);
        CopyUnlessSame(rtp[..headerLength], output);
        rtpCipher.Transform(iv, rtp[headerLength..], output[headerLength..rtp.Length]);

        // RFC 3711 §4.2: the tag covers the authenticated portion followed by the 32-bit ROC.
        Authenticate(rtpAuth, output[..rtp.Length], (uint)(index >> 16), output.Slice(rtp.Length, Tag));
    }

    public override bool UnprotectRtp(ReadOnlySpan<byte> srtp, int headerLength, uint ssrc, ulong index, Span<byte> output)
    {
        var length = srtp.Length - Tag;
        Span<byte> tag = stackalloc byte[Tag];
        Authenticate(rtpAuth, srtp[..length], (uint)(index >> 16), tag);
        if (!CryptographicOperations.FixedTimeEquals(tag, srtp[length..]))
        {
            return false;
        }

        Span<byte> iv = stackalloc byte[AesCounterMode.BlockSize];
        BuildIv(iv, rtpSalt, ssrc, index);
        CopyUnlessSame(srtp[..headerLength], output);
        rtpCipher.Transform(iv, srtp[headerLength..length], output[headerLength..length]);
        return true;
    }

    public override void ProtectRtcp(ReadOnlySpan<byte> rtcp, uint ssrc, uint index, Span<byte> output)
    {
        Span<byte> iv = stackalloc byte[AesCounterMode.BlockSize];
        BuildIv(iv, rtcpSalt, ssrc, index);
        var clear = SrtpPacketLayout.RtcpHeaderLength;
        CopyUnlessSame(rtcp[..clear], output);
        rtcpCipher.Transform(iv, rtcp[clear..], output[clear..rtcp.Length]);
        BinaryPrimitives.WriteUInt32BigEndian(output[rtcp.Length..], 0x8000_0000u | index);

        var authenticated = rtcp.Length + 4;
        Authenticate(rtcpAuth, output[..authenticated], output.Slice(authenticated, Tag));
    }

    public override bool UnprotectRtcp(ReadOnlySpan<byte> srtcp, uint ssrc, uint index, bool encrypted, Span<byte> output)
    {
        var authenticated = srtcp.Length - Tag;
        Span<byte> tag = stackalloc byte[Tag];
        Authenticate(rtcpAuth, srtcp[..authenticated], tag);
        if (!CryptographicOperations.FixedTimeEquals(tag, srtcp[authenticated..]))
        {
            return false;
        }

        var length = authenticated - 4;
        var clear = SrtpPacketLayout.RtcpHeaderLength;
        if (!encrypted)
        {
            CopyUnlessSame(srtcp[..length], output);
            return true;
        }

        Span<byte> iv = stackalloc byte[AesCounterMode.BlockSize];
        BuildIv(iv, rtcpSalt, ssrc, index);
        CopyUnlessSame(srtcp[..clear], output);
        rtcpCipher.Transform(iv, srtcp[clear..length], output[clear..length]);
        return true;
    }

    public override void Dispose()
    {
        rtpCipher.Dispose();
        rtcpCipher.Dispose();
        rtpAuth.Dispose();
        rtcpAuth.Dispose();
        CryptographicOperations.ZeroMemory(rtpSalt);
        CryptographicOperations.ZeroMemory(rtcpSalt);
    }

    // IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16), RFC 3711 §4.1.1; i is the 48-bit
    // SRTP index or the SRTCP index.
    private static void BuildIv(Span<byte> iv, ReadOnlySpan<byte> salt, uint ssrc, ulong index)
    {
        salt.CopyTo(iv);
        iv[14] = 0;
        iv[15] = 0;
        var ssrcPart = BinaryPrimitives.ReadUInt32BigEndian(iv[4..]) ^ ssrc;
        BinaryPrimitives.WriteUInt32BigEndian(iv[4..], ssrcPart);
        var indexPart = BinaryPrimitives.ReadUInt64BigEndian(iv[8..]) ^ (index << 16);
        BinaryPrimitives.WriteUInt64BigEndian(iv[8..], indexPart);
    }

    private static void Authenticate(IncrementalHash hmac, ReadOnlySpan<byte> data, uint rolloverCounter, Span<byte> tag)
    {
        Span<byte> roc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(roc, rolloverCounter);
        hmac.AppendData(data);
        hmac.AppendData(roc);
        Finish(hmac, tag);
    }

    private static void Authenticate(IncrementalHash hmac, ReadOnlySpan<byte> data, Span<byte> tag)
    {
        hmac.AppendData(data);
        Finish(hmac, tag);
    }

    private static void Finish(IncrementalHash hmac, Span<byte> tag)
    {
        Span<byte> mac = stackalloc byte[20];
        hmac.TryGetHashAndReset(mac, out _);
        mac[..tag.Length].CopyTo(tag);
    }
}
