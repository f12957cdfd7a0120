namespace Meurs.Media.Srtp;

/// <summary>
/// SrtpKeyLabel is the label that selects which session key the key derivation function
/// produces (RFC 3711 §4.3.1, §4.3.2; RFC 7714 §11 reuses them).
/// </summary>
public enum SrtpKeyLabel : byte
{
    /// <summary>SrtpEncryption derives the SRTP encryption key (k_e).</summary>
    SrtpEncryption = 0x00,

    /// <summary>SrtpAuthentication derives the SRTP HMAC key (k_a).</summary>
    SrtpAuthentication = 0x01,

    /// <summary>SrtpSalt derives the SRTP session salt (k_s).</summary>
    SrtpSalt = 0x02,

    /// <summary>SrtcpEncryption derives the SRTCP encryption key.</summary>
    SrtcpEncryption = 0x03,

    /// <summary>SrtcpAuthentication derives the SRTCP HMAC key.</summary>
    SrtcpAuthentication = 0x04,

    /// <summary>SrtcpSalt derives the SRTCP session salt.</summary>
    SrtcpSalt = 0x05,
}
