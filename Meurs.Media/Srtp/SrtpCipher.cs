namespace Meurs.Media.Srtp;

/// <summary>
/// SrtpCipher is one profile's packet transform with its session keys derived. The context has
/// already checked the header, chosen the index and sized the output exactly; input and output
/// are either disjoint or start at the same byte.
/// </summary>
internal abstract class SrtpCipher : IDisposable
{
    /// <summary>TagLength is the authentication tag size in bytes.</summary>
    public abstract int TagLength { get; }

    /// <summary>SrtcpTrailerOffset is where the E flag and SRTCP index sit in a protected
    /// SRTCP packet of <paramref name="protectedLength"/> bytes.</summary>
    public abstract int SrtcpTrailerOffset(int protectedLength);

    /// <summary>ProtectRtp writes header || encrypted payload || tag (output is input + tag).</summary>
    public abstract void ProtectRtp(ReadOnlySpan<byte> rtp, int headerLength, uint ssrc, ulong index, Span<byte> output);

    /// <summary>UnprotectRtp verifies the tag, then writes header || payload (output is input - tag).</summary>
    public abstract bool UnprotectRtp(ReadOnlySpan<byte> srtp, int headerLength, uint ssrc, ulong index, Span<byte> output);

    /// <summary>ProtectRtcp writes the encrypted packet with its trailer and tag.</summary>
    public abstract void ProtectRtcp(ReadOnlySpan<byte> rtcp, uint ssrc, uint index, Span<byte> output);

    /// <summary>UnprotectRtcp verifies the tag, then writes the plain compound packet.</summary>
    public abstract bool UnprotectRtcp(ReadOnlySpan<byte> srtcp, uint ssrc, uint index, bool encrypted, Span<byte> output);

    /// <inheritdoc/>
    public abstract void Dispose();

    public static SrtpCipher Create(SrtpSessionKeys keys) => keys.Profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 => new AesCmHmacSha1Cipher(keys),
        SrtpProfile.AeadAes128Gcm => new AeadAesGcmCipher(keys),
        _ => throw new ArgumentException($"Unsupported SRTP profile {keys.Profile}.", nameof(keys)),
    };

    /// <summary>CopyUnlessSame copies unless source and destination are the same memory.</summary>
    protected static void CopyUnlessSame(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (!source.Overlaps(destination))
        {
            source.CopyTo(destination);
        }
    }
}
