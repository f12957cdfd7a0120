namespace Meurs.Media.Stun;

/// <summary>
/// StunAttributeType is the 16-bit type of a STUN attribute (RFC 8489 §14, §18.3; ICE's in
/// RFC 8445 §16.1). Values 0x0000..0x7FFF are comprehension-required, 0x8000..0xFFFF
/// comprehension-optional (RFC 8489 §14); any 16-bit value may appear on the wire, so values not
/// named here are carried by casting.
/// </summary>
public enum StunAttributeType : ushort
{
    /// <summary>MAPPED-ADDRESS (0x0001): the reflexive address, not obfuscated; RFC 3489 peers only (RFC 8489 §14.1).</summary>
    MappedAddress = 0x0001,

    /// <summary>USERNAME (0x0006): UTF-8, under 513 bytes; ICE's is "receiver-ufrag:sender-ufrag" (RFC 8489 §14.3, RFC 8445 §7.2.2).</summary>
    Username = 0x0006,

    /// <summary>MESSAGE-INTEGRITY (0x0008): 20-byte HMAC-SHA1 over the message before it (RFC 8489 §14.5).</summary>
    MessageIntegrity = 0x0008,

    /// <summary>ERROR-CODE (0x0009): class, number and UTF-8 reason phrase (RFC 8489 §14.8).</summary>
    ErrorCode = 0x0009,

    /// <summary>UNKNOWN-ATTRIBUTES (0x000A): the 16-bit types a 420 response did not understand (RFC 8489 §14.13).</summary>
    UnknownAttributes = 0x000A,

    /// <summary>REALM (0x0014): long-term credential realm (RFC 8489 §14.9).</summary>
    Realm = 0x0014,

    /// <summary>NONCE (0x0015): long-term credential nonce (RFC 8489 §14.10).</summary>
    Nonce = 0x0015,

    /// <summary>MESSAGE-INTEGRITY-SHA256 (0x001C): 16..32-byte HMAC-SHA256 (RFC 8489 §14.6).</summary>
    MessageIntegritySha256 = 0x001C,

    /// <summary>PASSWORD-ALGORITHM (0x001D): long-term key derivation choice (RFC 8489 §14.12).</summary>
    PasswordAlgorithm = 0x001D,

    /// <summary>USERHASH (0x001E): hashed long-term username (RFC 8489 §14.4).</summary>
    Userhash = 0x001E,

    /// <summary>XOR-MAPPED-ADDRESS (0x0020): the reflexive address XORed with cookie and transaction id (RFC 8489 §14.2).</summary>
    XorMappedAddress = 0x0020,

    /// <summary>PRIORITY (0x0024): 32-bit priority of the would-be peer-reflexive candidate (RFC 8445 §7.1.1).</summary>
    Priority = 0x0024,

    /// <summary>USE-CANDIDATE (0x0025): empty flag; the controlling agent nominates this pair (RFC 8445 §7.1.2).</summary>
    UseCandidate = 0x0025,

    /// <summary>PASSWORD-ALGORITHMS (0x8002): algorithms a server offers (RFC 8489 §14.11).</summary>
    PasswordAlgorithms = 0x8002,

    /// <summary>ALTERNATE-DOMAIN (0x8003): TLS name of an alternate server (RFC 8489 §14.16).</summary>
    AlternateDomain = 0x8003,

    /// <summary>SOFTWARE (0x8022): UTF-8 description of the sender's software, under 763 bytes (RFC 8489 §14.14).</summary>
    Software = 0x8022,

    /// <summary>ALTERNATE-SERVER (0x8023): address of an alternate server (RFC 8489 §14.15).</summary>
    AlternateServer = 0x8023,

    /// <summary>FINGERPRINT (0x8028): CRC-32 of the message before it XOR 0x5354554E; always last (RFC 8489 §14.7).</summary>
    Fingerprint = 0x8028,

    /// <summary>ICE-CONTROLLED (0x8029): the sender's 64-bit tiebreaker; it thinks it is controlled (RFC 8445 §7.1.3).</summary>
    IceControlled = 0x8029,

    /// <summary>ICE-CONTROLLING (0x802A): the sender's 64-bit tiebreaker; it thinks it is controlling (RFC 8445 §7.1.3).</summary>
    IceControlling = 0x802A,
}
