namespace Meurs.Media.Dtls;

/// <summary>
/// DtlsState is where a <see cref="DtlsTransport"/> is in its life. Failed and Closed are
/// terminal: nothing fed afterwards is processed.
/// </summary>
public enum DtlsState
{
    /// <summary>New: created, nothing sent or received yet.</summary>
    New,

    /// <summary>Connecting: the handshake is under way.</summary>
    Connecting,

    /// <summary>
    /// Connected: the handshake completed, the peer's certificate matched the expected
    /// fingerprint and SRTP keys were exported.
    /// </summary>
    Connected,

    /// <summary>
    /// Failed: the handshake failed, the fingerprint did not match, no SRTP profile was agreed
    /// or a fatal alert arrived; see <see cref="DtlsTransport.FailureReason"/>.
    /// </summary>
    Failed,

    /// <summary>Closed: a close_notify was sent or received (RFC 5246 §7.2.1).</summary>
    Closed,
}
