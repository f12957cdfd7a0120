namespace Meurs.Media.Sdp;

/// <summary>
/// SdpSetupRole is a=setup (RFC 4145 §4, RFC 5763 §5, RFC 8842 §5.1): which side starts the
/// DTLS handshake. The JSEP offerer writes actpass; the answerer picks active or passive.
/// </summary>
public enum SdpSetupRole
{
    /// <summary>a=setup:actpass: either; only valid in an offer.</summary>
    ActPass,

    /// <summary>a=setup:active: this side is the DTLS client.</summary>
    Active,

    /// <summary>a=setup:passive: this side is the DTLS server.</summary>
    Passive,

    /// <summary>a=setup:holdconn: no connection yet (not used by WebRTC).</summary>
    HoldConn,
}
