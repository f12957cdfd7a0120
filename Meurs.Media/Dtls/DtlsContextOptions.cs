using Meurs.Media.Srtp;

namespace Meurs.Media.Dtls;

/// <summary>
/// DtlsContextOptions are the settings shared by every <see cref="DtlsTransport"/> made from one
/// <see cref="DtlsContext"/>.
/// </summary>
public sealed class DtlsContextOptions
{
    /// <summary>
    /// SrtpProfiles are the DTLS-SRTP profiles offered (client) or accepted (server), most
    /// preferred first (RFC 5764 §4.1.1); each one SRTP supports (<see cref="SrtpProfileExtensions"/>). A
    /// server picks the first of its own list that the client offered.
    /// Default: AEAD_AES_128_GCM then AES128_CM_HMAC_SHA1_80, as browsers order them.
    /// </summary>
    public IReadOnlyList<SrtpProfile> SrtpProfiles { get; init; } =
        [SrtpProfile.AeadAes128Gcm, SrtpProfile.Aes128CmHmacSha1_80];

    /// <summary>
    /// Mtu is the largest datagram, in bytes of UDP payload, the transport emits (OpenSSL's
    /// floor is about 256). 1200 stays under every path WebRTC expects (RFC 8831 §5 uses the
    /// same figure) and leaves room for TURN framing.
    /// </summary>
    public int Mtu { get; init; } = 1200;

    /// <summary>
    /// InitialRetransmitTimeout is the first handshake retransmission timeout, doubled on each
    /// expiry up to 60 s (RFC 6347 §4.2.4.1 recommends 1 s). Whole microseconds, 1 ms..60 s.
    /// </summary>
    public TimeSpan InitialRetransmitTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// MaxHandshakeBytes caps the datagram bytes a transport accepts before it is Connected;
    /// past it the transport fails. A real handshake, retransmissions included, takes a few
    /// kilobytes, so this only stops a peer that floods the handshake to burn CPU.
    /// </summary>
    public int MaxHandshakeBytes { get; init; } = 1024 * 1024;
}
