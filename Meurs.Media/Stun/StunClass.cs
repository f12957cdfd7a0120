namespace Meurs.Media.Stun;

/// <summary>
/// StunClass is the two-bit class of a STUN message (RFC 8489 §5), carried in bits C1 and C0 of
/// the message type.
/// </summary>
public enum StunClass
{
    /// <summary>Request (0b00): asks for a response.</summary>
    Request = 0b00,

    /// <summary>Indication (0b01): no response is sent; ICE uses Binding indications as keepalives (RFC 8445 §11).</summary>
    Indication = 0b01,

    /// <summary>SuccessResponse (0b10): answers a request that succeeded.</summary>
    SuccessResponse = 0b10,

    /// <summary>ErrorResponse (0b11): answers a request that failed; carries ERROR-CODE (RFC 8489 §14.8).</summary>
    ErrorResponse = 0b11,
}
