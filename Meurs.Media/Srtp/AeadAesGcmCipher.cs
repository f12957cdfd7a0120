using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Meurs.Media.Srtp;

/// <summary>
/// AeadAesGcmCipher is SRTP_AEAD_AES_128_GCM (RFC 7714): the header is the associated data and
/// the 16-byte GCM tag follows the ciphertext.
/// </summary>
/// <remarks>
/// A tag mismatch surfaces from <see cref="AesGcm"/> as an exception, so a forged packet costs a
/// throw and catch; the cheap checks (header, replay) run before it.
/// </remarks>
internal sealed class AeadAesGcmCipher : SrtpCipher
{
    private const int SaltLength = 12;
    private const int Tag = 16;

    private readonly AesGcm rtpGcm;
    private readonly AesGcm rtcpGcm;
    private readonly byte[] rtpSalt = new byte[SaltLength];
    private readonly byte[] rtcpSalt = new byte[SaltLength];
    private byte[] associatedData = new byte[1500];

    public AeadAesGcmCipher(SrtpSessionKeys keys)
    {
        rtpGcm = new AesGcm(keys.SrtpEncryptionKey, Tag);
        keys.SrtpSalt.CopyTo(rtpSalt);
        rtcpGcm = new AesGcm(keys.SrtcpEncryptionKey, Tag);
        keys.SrtcpSalt.CopyTo(rtcpSalt);
    }

    public override int TagLength => Tag;

    // RFC 7714 §9: the E flag and index word is the last thing in the packet, after the tag.
    public override int SrtcpTrailerOffset(int protectedLength) => protectedLength - 4;

    public override void ProtectRtp(ReadOnlySpan<byte> rtp, int headerLength, uint ssrc, ulong index, Span<byte> output)
    {
        Span<byte> nonce = stackalloc byte[SaltLength];
        BuildRtpNonce(nonce, ssrc, index);
        CopyUnlessSame(rtp[..headerLength], output);
        rtpGcm.Encrypt(
            nonce,
            rtp[headerLength..],
            output[headerLength..rtp.Length],
            output.Slice(rtp.Length, Tag),
            output[..headerLength]);
    }

    public override bool UnprotectRtp(ReadOnlySpan<byte> srtp, int headerLength, uint ssrc, ulong index, Span<byte> output)
    {
        var length = srtp.Length - Tag;
        Span<byte> nonce = stackalloc byte[SaltLength];
        BuildRtpNonce(nonce, ssrc, index);
        try
        {
            rtpGcm.Decrypt(nonce, srtp[headerLength..length], srtp[length..], output[headerLength..length], srtp[..headerLength]);
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        CopyUnlessSame(srtp[..headerLength], output);
        return true;
    }

    public override void ProtectRtcp(ReadOnlySpan<byte> rtcp, uint ssrc, uint index, Span<byte> output)
    {
        Span<byte> nonce = stackalloc byte[SaltLength];
        BuildRtcpNonce(nonce, ssrc, index);
        var clear = SrtpPacketLayout.RtcpHeaderLength;
        var trailer = 0x8000_0000u | index;

        // RFC 7714 §9.1: AAD = the first 8 octets || E flag and SRTCP index.
        Span<byte> aad = stackalloc byte[clear + 4];
        rtcp[..clear].CopyTo(aad);
        BinaryPrimitives.WriteUInt32BigEndian(aad[clear..], trailer);

        CopyUnlessSame(rtcp[..clear], output);
        rtcpGcm.Encrypt(nonce, rtcp[clear..], output[clear..rtcp.Length], output.Slice(rtcp.Length, Tag), aad);
        BinaryPrimitives.WriteUInt32BigEndian(output[(rtcp.Length + Tag)..], trailer);
    }

    public override bool UnprotectRtcp(ReadOnlySpan<byte> srtcp, uint ssrc, uint index, bool encrypted, Span<byte> output)
    {
        var length = srtcp.Length - Tag - 4;
        var tag = srtcp.Slice(length, Tag);
        var trailer = srtcp[(length + Tag)..];
        Span<byte> nonce = stackalloc byte[SaltLength];
        BuildRtcpNonce(nonce, ssrc, index);
        var clear = SrtpPacketLayout.RtcpHeaderLength;
        try
        {
            if (encrypted)
            {
                Span<byte> aad = stackalloc byte[clear + 4];
                srtcp[..clear].CopyTo(aad);
                trailer.CopyTo(aad[clear..]);
                rtcpGcm.Decrypt(nonce, srtcp[clear..length], tag, output[clear..length], aad);
                CopyUnlessSame(srtcp[..clear], output);
            }
            else
            {
                // RFC 7714 §9.2 (E = 0): the whole packet and the trailer are associated data
                // and nothing is encrypted.
                var aad = AssociatedData(length + 4);
                srtcp[..length].CopyTo(aad);
                trailer.CopyTo(aad[length..]);
                rtcpGcm.Decrypt(nonce, [], tag, [], aad);
                CopyUnlessSame(srtcp[..length], output);
            }
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        return true;
    }

    public override void Dispose()
    {
        rtpGcm.Dispose();
        rtcpGcm.Dispose();
        CryptographicOperations.ZeroMemory(rtpSalt);
        CryptographicOperations.ZeroMemory(rtcpSalt);
    }

    private Span<byte> AssociatedData(int length)
    {
        if (associatedData.Length < length)
        {
            associatedData = new byte[length];
        }

        return associatedData.AsSpan(0, length);
    }

    // IV = (00 00 || SSRC || ROC || SEQ) XOR salt, RFC 7714 §8.1; ROC || SEQ is the 48-bit index.
    private void BuildRtpNonce(Span<byte> nonce, uint ssrc, ulong index)
    {
        BinaryPrimitives.WriteUInt16BigEndian(nonce, 0);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[2..], ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[6..], (uint)(index >> 16));
        BinaryPrimitives.WriteUInt16BigEndian(nonce[10..], (ushort)index);
        XorSalt(nonce, rtpSalt);
    }

    // IV = (00 00 || SSRC || 00 00 || 0 || SRTCP index) XOR salt, RFC 7714 §9.1.
    private void BuildRtcpNonce(Span<byte> nonce, uint ssrc, uint index)
    {
        BinaryPrimitives.WriteUInt16BigEndian(nonce, 0);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[2..], ssrc);
        BinaryPrimitives.WriteUInt16BigEndian(nonce[6..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[8..], index & SrtcpStream.MaxIndex);
        XorSalt(nonce, rtcpSalt);
    }

    private static void XorSalt(Span<byte> nonce, ReadOnlySpan<byte> salt)
    {
        for (var i = 0; i < SaltLength; i++)
        {
            nonce[i] ^= salt[i];
        }
    }
}
