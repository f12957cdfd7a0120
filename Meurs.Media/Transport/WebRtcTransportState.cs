namespace Meurs.Media.Transport;

/// <summary>Where a <see cref="WebRtcTransport"/> is in its life: ICE, then DTLS, then media.</summary>
public enum WebRtcTransportState
{
    /// <summary>Created; no valid connectivity check has arrived yet.</summary>
    New,

    /// <summary>ICE checks have succeeded and the DTLS handshake is under way.</summary>
    Connecting,

    /// <summary>DTLS is done and SRTP keys are in place: media flows.</summary>
    Connected,

    /// <summary>The DTLS handshake failed (including a certificate whose fingerprint is not the one in the SDP) or consent expired (RFC 7675). Final.</summary>
    Failed,

    /// <summary>Closed by its owner. Final.</summary>
    Closed,
}
