namespace Meurs.Media.Srtp;

/// <summary>
/// SrtpProfileExtensions gives the key, salt and tag sizes each <see cref="SrtpProfile"/> fixes.
/// </summary>
public static class SrtpProfileExtensions
{
    extension(SrtpProfile profile)
    {
        /// <summary>
        /// IsSupported is true for the profiles this implementation can protect with.
        /// </summary>
        public bool IsSupported =>
            profile is SrtpProfile.Aes128CmHmacSha1_80 or SrtpProfile.AeadAes128Gcm;

        /// <summary>
        /// MasterKeyLength is the master key size in bytes; also the session encryption key size
        /// (RFC 3711 §8.2, RFC 7714 §12). Zero for an unsupported profile.
        /// </summary>
        public int MasterKeyLength => profile.IsSupported ? 16 : 0;

        /// <summary>
        /// MasterSaltLength is the master salt size in bytes, also the session salt size: 14 for
        /// AES-CM (RFC 3711 §8.2), 12 for AES-GCM (RFC 7714 §12). Zero for an unsupported profile.
        /// </summary>
        public int MasterSaltLength => profile switch
        {
            SrtpProfile.Aes128CmHmacSha1_80 => 14,
            SrtpProfile.AeadAes128Gcm => 12,
            _ => 0,
        };

        /// <summary>
        /// AuthenticationKeyLength is the session HMAC-SHA1 key size in bytes (RFC 3711 §8.2);
        /// zero for AEAD profiles, which authenticate with the encryption key.
        /// </summary>
        public int AuthenticationKeyLength => profile == SrtpProfile.Aes128CmHmacSha1_80 ? 20 : 0;

        /// <summary>
        /// AuthenticationTagLength is the tag appended to each SRTP and SRTCP packet, in bytes:
        /// 10 for HMAC-SHA1-80 (RFC 3711 §4.2.1), 16 for AES-GCM (RFC 7714 §12).
        /// </summary>
        public int AuthenticationTagLength => profile switch
        {
            SrtpProfile.Aes128CmHmacSha1_80 => 10,
            SrtpProfile.AeadAes128Gcm => 16,
            _ => 0,
        };

        /// <summary>
        /// RtpOverhead is how many bytes protecting an RTP packet adds: the tag (no MKI is sent).
        /// </summary>
        public int RtpOverhead => profile.AuthenticationTagLength;

        /// <summary>
        /// RtcpOverhead is how many bytes protecting an RTCP packet adds: the 4-byte E flag and
        /// SRTCP index word plus the tag (RFC 3711 §3.4, RFC 7714 §9).
        /// </summary>
        public int RtcpOverhead => profile.IsSupported ? 4 + profile.AuthenticationTagLength : 0;
    }
}
