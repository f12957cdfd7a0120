namespace Meurs.Media.Dtls;

/// <summary>
/// DtlsRole is which side of the DTLS handshake this endpoint plays (RFC 5763 §5: the SDP
/// <c>a=setup</c> attribute decides it; an SFU answering <c>actpass</c> is <c>passive</c>, the
/// server).
/// </summary>
public enum DtlsRole
{
    /// <summary>Server waits for the ClientHello (SDP <c>a=setup:passive</c>).</summary>
    Server,

    /// <summary>Client sends the ClientHello (SDP <c>a=setup:active</c>).</summary>
    Client,
}
