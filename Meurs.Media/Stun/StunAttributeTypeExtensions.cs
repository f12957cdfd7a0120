namespace Meurs.Media.Stun;

/// <summary>
/// StunAttributeTypeExtensions answers the two questions RFC 8489 §14 asks of an attribute type
/// before its value is looked at: must it be understood, and is it understood.
/// </summary>
public static class StunAttributeTypeExtensions
{
    /// <summary>
    /// IsComprehensionRequired is true for types 0x0000..0x7FFF, which a receiver that does not
    /// know them must refuse with 420 Unknown Attribute (RFC 8489 §14, §6.3.1).
    /// </summary>
    /// <param name="type">Any 16-bit attribute type.</param>
    /// <returns>True when the most significant bit is clear.</returns>
    public static bool IsComprehensionRequired(this StunAttributeType type) => (ushort)type < 0x8000;

    /// <summary>
    /// IsKnown is true for the types named in <see cref="StunAttributeType"/>, the ones
    /// <see cref="StunMessage"/> can interpret or that ICE's short-term mechanism may carry.
    /// </summary>
    /// <param name="type">Any 16-bit attribute type.</param>
    /// <returns>True when the type has a name in <see cref="StunAttributeType"/>.</returns>
    public static bool IsKnown(this StunAttributeType type) => type switch
    {
        StunAttributeType.MappedAddress or StunAttributeType.Username
            or StunAttributeType.MessageIntegrity or StunAttributeType.ErrorCode
            or StunAttributeType.UnknownAttributes or StunAttributeType.Realm
            or StunAttributeType.Nonce or StunAttributeType.MessageIntegritySha256
            or StunAttributeType.PasswordAlgorithm or StunAttributeType.Userhash
            or StunAttributeType.XorMappedAddress or StunAttributeType.Priority
            or StunAttributeType.UseCandidate or StunAttributeType.PasswordAlgorithms
            or StunAttributeType.AlternateDomain or StunAttributeType.Software
            or StunAttributeType.AlternateServer or StunAttributeType.Fingerprint
            or StunAttributeType.IceControlled or StunAttributeType.IceControlling => true,
        _ => false,
    };
}
