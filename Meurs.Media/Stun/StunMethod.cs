namespace Meurs.Media.Stun;

/// <summary>
/// StunMethod is the 12-bit method of a STUN message (RFC 8489 §5, §18.2). Other 12-bit values
/// (TURN's Allocate, Refresh, ...) are representable by casting; Meurs itself only answers
/// <see cref="Binding"/>.
/// </summary>
public enum StunMethod
{
    /// <summary>Binding (0x001): the only method ICE connectivity checks use (RFC 8445 §7).</summary>
    Binding = 0x001,
}
