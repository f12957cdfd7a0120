namespace Meurs.Media.Ice;

/// <summary>
/// IceResult is what <see cref="IceLiteAgent.HandleBindingRequest"/> did with a datagram, and so
/// whether the caller has a response to send back to the sender.
/// </summary>
public enum IceResult
{
    /// <summary>
    /// Dropped: nothing to send. Not a well-formed STUN message, not a Binding request (RFC 8445
    /// §11 keepalive indications land here too), FINGERPRINT missing or wrong (RFC 8489 §14.7),
    /// or the agent is closed.
    /// </summary>
    Dropped,

    /// <summary>Answered: a success response is written; the selected pair did not change.</summary>
    Answered,

    /// <summary>Nominated: a success response is written and the sender is now the selected pair (USE-CANDIDATE, RFC 8445 §7.3.1.5).</summary>
    Nominated,

    /// <summary>BadRequest: a 400 error response is written (missing USERNAME or MESSAGE-INTEGRITY, or no role attribute).</summary>
    BadRequest,

    /// <summary>Unauthorized: a 401 error response is written (wrong USERNAME or MESSAGE-INTEGRITY); it carries no MESSAGE-INTEGRITY (RFC 8489 §9.1.3).</summary>
    Unauthorized,

    /// <summary>UnknownAttribute: a 420 error response listing the unknown comprehension-required attributes is written (RFC 8489 §6.3.1).</summary>
    UnknownAttribute,

    /// <summary>RoleConflict: a 487 error response is written because the peer claims to be controlled too (RFC 8445 §7.3.1.1).</summary>
    RoleConflict,
}
