using System.Diagnostics.CodeAnalysis;

namespace Meurs.Media.Srtp;

/// <summary>
/// SrtpProfile names an SRTP protection profile; the values are the DTLS-SRTP protection profile
/// identifiers registered by RFC 5764 §4.1.2 and RFC 7714 §14.2, so a negotiated profile can be
/// cast straight from the use_srtp extension.
/// </summary>
public enum SrtpProfile : ushort
{
    /// <summary>
    /// Aes128CmHmacSha1_80 is SRTP_AES128_CM_HMAC_SHA1_80 (RFC 5764 §4.1.2): AES-128 in counter
    /// mode, 16-byte master key, 14-byte master salt, 20-byte HMAC-SHA1 key, 10-byte tag
    /// (RFC 3711 §4.1.1, §4.2.1).
    /// </summary>
    [SuppressMessage("Naming", "CA1707", Justification = "The _80 is the tag length in the RFC's profile name.")]
    Aes128CmHmacSha1_80 = 0x0001,

    /// <summary>
    /// AeadAes128Gcm is SRTP_AEAD_AES_128_GCM (RFC 7714 §14.2): AES-128-GCM with a 16-byte master
    /// key, 12-byte master salt and 16-byte tag; the header is authenticated, not encrypted.
    /// </summary>
    AeadAes128Gcm = 0x0007,
}
