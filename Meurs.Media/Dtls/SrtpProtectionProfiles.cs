namespace Meurs.Media.Dtls;

/// <summary>
/// SrtpProtectionProfiles names the DTLS-SRTP protection profiles this layer negotiates, by
/// their IANA identifiers (RFC 5764 §4.1.2, RFC 7714 §14.2), with the master key and salt sizes
/// each one exports (RFC 5764 §4.2).
/// </summary>
public static class SrtpProtectionProfiles
{
    /// <summary>
    /// Aes128CmHmacSha1Bits80 is SRTP_AES128_CM_HMAC_SHA1_80 {0x00, 0x01}: 128-bit key,
    /// 112-bit salt (RFC 5764 §4.1.2).
    /// </summary>
    public const ushort Aes128CmHmacSha1Bits80 = 0x0001;

    /// <summary>
    /// AeadAes128Gcm is SRTP_AEAD_AES_128_GCM {0x00, 0x07}: 128-bit key, 96-bit salt
    /// (RFC 7714 §12, §14.2).
    /// </summary>
    public const ushort AeadAes128Gcm = 0x0007;

    /// <summary>
    /// TryGetLengths gives the master key and master salt lengths in bytes for
    /// <paramref name="profileId"/>; false for a profile this layer does not know.
    /// </summary>
    public static bool TryGetLengths(ushort profileId, out int keyLength, out int saltLength)
    {
        switch (profileId)
        {
            case Aes128CmHmacSha1Bits80:
                (keyLength, saltLength) = (16, 14);
                return true;
            case AeadAes128Gcm:
                (keyLength, saltLength) = (16, 12);
                return true;
            default:
                (keyLength, saltLength) = (0, 0);
                return false;
        }
    }

    /// <summary>
    /// OpenSslName is the profile's name in OpenSSL's <c>use_srtp</c> list; null when unknown.
    /// </summary>
    internal static string? OpenSslName(ushort profileId) => profileId switch
    {
        Aes128CmHmacSha1Bits80 => "SRTP_AES128_CM_SHA1_80",
        AeadAes128Gcm => "SRTP_AEAD_AES_128_GCM",
        _ => null,
    };
}
