namespace Meurs.Media.Rtcp;

/// <summary>
/// RtcpPacketType is the PT field of the RTCP common header (RFC 3550 §12.1, RFC 4585 §6.1).
/// </summary>
public enum RtcpPacketType : byte
{
    /// <summary>SenderReport is SR (RFC 3550 §6.4.1).</summary>
    SenderReport = 200,

    /// <summary>ReceiverReport is RR (RFC 3550 §6.4.2).</summary>
    ReceiverReport = 201,

    /// <summary>SourceDescription is SDES (RFC 3550 §6.5).</summary>
    SourceDescription = 202,

    /// <summary>Goodbye is BYE (RFC 3550 §6.6).</summary>
    Goodbye = 203,

    /// <summary>ApplicationDefined is APP (RFC 3550 §6.7).</summary>
    ApplicationDefined = 204,

    /// <summary>TransportFeedback is RTPFB, transport-layer feedback (RFC 4585 §6.2): NACK, TWCC.</summary>
    TransportFeedback = 205,

    /// <summary>PayloadFeedback is PSFB, payload-specific feedback (RFC 4585 §6.3): PLI, FIR, REMB.</summary>
    PayloadFeedback = 206,
}
