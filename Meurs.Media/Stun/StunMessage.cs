using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.IO.Hashing;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Unicode;

namespace Meurs.Media.Stun;

/// <summary>
/// StunMessage is a parsed STUN message (RFC 8489 §5): header fields, the attributes in wire
/// order, and a copy of the original bytes, on which MESSAGE-INTEGRITY and FINGERPRINT are
/// verified.
/// </summary>
/// <remarks>
/// Made by <see cref="StunReader.TryParse"/> (or <see cref="TryParse"/>); written by
/// <see cref="StunWriter"/>. Typed getters return the first occurrence of an attribute, as
/// RFC 8489 §14 allows ("only the first occurrence needs to be processed"), and return false when
/// the attribute is absent or its value malformed; none of them throws.
/// </remarks>
public sealed class StunMessage
{
    /// <summary>HeaderLength is the size of the STUN header in bytes (RFC 8489 §5).</summary>
    public const int HeaderLength = 20;

    /// <summary>AttributeHeaderLength is the size of an attribute's type and length fields in bytes (RFC 8489 §14).</summary>
    public const int AttributeHeaderLength = 4;

    /// <summary>MagicCookie is the fixed value of header bytes 4..7, big-endian (RFC 8489 §5).</summary>
    public const uint MagicCookie = 0x2112A442;

    /// <summary>FingerprintXor is XORed into the CRC-32 of FINGERPRINT so that other protocols' CRCs do not pass for it (RFC 8489 §14.7).</summary>
    public const uint FingerprintXor = 0x5354554E;

    /// <summary>MessageIntegrityLength is the size of the HMAC-SHA1 in MESSAGE-INTEGRITY (RFC 8489 §14.5).</summary>
    public const int MessageIntegrityLength = 20;

    /// <summary>FingerprintLength is the size of the FINGERPRINT value (RFC 8489 §14.7).</summary>
    public const int FingerprintLength = 4;

    private readonly byte[] raw;
    private readonly StunAttribute[] attributes;
    private readonly int messageIntegrityOffset;
    private readonly int messageIntegritySha256Offset;
    private readonly int fingerprintOffset;

    internal StunMessage(
        byte[] raw,
        StunMessageType type,
        StunTransactionId transactionId,
        StunAttribute[] attributes,
        int messageIntegrityOffset,
        int messageIntegritySha256Offset,
        int fingerprintOffset)
    {
        this.raw = raw;
        this.attributes = attributes;
        this.messageIntegrityOffset = messageIntegrityOffset;
        this.messageIntegritySha256Offset = messageIntegritySha256Offset;
        this.fingerprintOffset = fingerprintOffset;
        Type = type;
        TransactionId = transactionId;
    }

    /// <summary>Type is the class and method from the header.</summary>
    public StunMessageType Type { get; }

    /// <summary>TransactionId is the 96-bit id from header bytes 8..19.</summary>
    public StunTransactionId TransactionId { get; }

    /// <summary>Raw is the message as received: the header and exactly the message length of attributes.</summary>
    public ReadOnlyMemory<byte> Raw => raw;

    /// <summary>
    /// Attributes lists the attributes in wire order, duplicates included, without those
    /// RFC 8489 §14.5/§14.6 says to ignore after MESSAGE-INTEGRITY(-SHA256).
    /// </summary>
    public IReadOnlyList<StunAttribute> Attributes => attributes;

    /// <summary>HasMessageIntegrity is true when a MESSAGE-INTEGRITY attribute is present (of any length).</summary>
    public bool HasMessageIntegrity => messageIntegrityOffset >= 0;

    /// <summary>HasMessageIntegritySha256 is true when a MESSAGE-INTEGRITY-SHA256 attribute is present.</summary>
    public bool HasMessageIntegritySha256 => messageIntegritySha256Offset >= 0;

    /// <summary>HasFingerprint is true when the message ends with a FINGERPRINT attribute.</summary>
    public bool HasFingerprint => fingerprintOffset >= 0;

    /// <summary>HasUseCandidate is true when USE-CANDIDATE is present: the controlling agent nominates the pair (RFC 8445 §7.1.2).</summary>
    public bool HasUseCandidate => Contains(StunAttributeType.UseCandidate);

    /// <summary>
    /// TryParse is <see cref="StunReader.TryParse"/>: it reads and copies a whole message.
    /// </summary>
    /// <param name="datagram">The UDP payload.</param>
    /// <param name="message">The message, or null when malformed.</param>
    /// <returns>False when the datagram is not a well-formed STUN message.</returns>
    public static bool TryParse(ReadOnlySpan<byte> datagram, [NotNullWhen(true)] out StunMessage? message) =>
        StunReader.TryParse(datagram, out message);

    /// <summary>Contains is true when an attribute of the type is present.</summary>
    /// <param name="type">The attribute type.</param>
    /// <returns>True when at least one attribute has the type.</returns>
    public bool Contains(StunAttributeType type) => TryGetAttribute(type, out _);

    /// <summary>TryGetAttribute returns the value of the first attribute of a type.</summary>
    /// <param name="type">The attribute type.</param>
    /// <param name="value">The value without padding, or empty.</param>
    /// <returns>False when no attribute has the type.</returns>
    public bool TryGetAttribute(StunAttributeType type, out ReadOnlyMemory<byte> value)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.Type == type)
            {
                value = attribute.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>TryGetUsername reads USERNAME (RFC 8489 §14.3).</summary>
    /// <param name="username">The decoded UTF-8 username.</param>
    /// <returns>False when absent or not valid UTF-8.</returns>
    public bool TryGetUsername([NotNullWhen(true)] out string? username) =>
        TryGetUtf8(StunAttributeType.Username, out username);

    /// <summary>TryGetSoftware reads SOFTWARE (RFC 8489 §14.14).</summary>
    /// <param name="software">The decoded UTF-8 description.</param>
    /// <returns>False when absent or not valid UTF-8.</returns>
    public bool TryGetSoftware([NotNullWhen(true)] out string? software) =>
        TryGetUtf8(StunAttributeType.Software, out software);

    /// <summary>TryGetXorMappedAddress reads and un-XORs XOR-MAPPED-ADDRESS (RFC 8489 §14.2).</summary>
    /// <param name="endPoint">The reflexive transport address, IPv4 or IPv6.</param>
    /// <returns>False when absent, of an unknown family, or of the wrong length for its family.</returns>
    public bool TryGetXorMappedAddress([NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = null;
        return TryGetAttribute(StunAttributeType.XorMappedAddress, out var value)
            && StunAddressCodec.TryRead(value.Span, xor: true, TransactionId, out endPoint);
    }

    /// <summary>TryGetMappedAddress reads MAPPED-ADDRESS (RFC 8489 §14.1).</summary>
    /// <param name="endPoint">The reflexive transport address, IPv4 or IPv6.</param>
    /// <returns>False when absent, of an unknown family, or of the wrong length for its family.</returns>
    public bool TryGetMappedAddress([NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = null;
        return TryGetAttribute(StunAttributeType.MappedAddress, out var value)
            && StunAddressCodec.TryRead(value.Span, xor: false, TransactionId, out endPoint);
    }

    /// <summary>TryGetErrorCode reads ERROR-CODE (RFC 8489 §14.8).</summary>
    /// <param name="code">The code, class × 100 + number: 300..699.</param>
    /// <param name="reason">The UTF-8 reason phrase, possibly empty.</param>
    /// <returns>False when absent, shorter than 4 bytes, with class outside 3..6 or number
    /// above 99, or with a reason that is not valid UTF-8.</returns>
    public bool TryGetErrorCode(out int code, [NotNullWhen(true)] out string? reason)
    {
        // RFC 8489 §14.8, Figure 7:
        //
        //   0                   1                   2                   3
        //   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
        //  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        //  |           Reserved, should be 0         |Class|     Number    |
        //  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        //  |      Reason Phrase (variable)                                ..
        //  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        code = 0;
        reason = null;
        if (!TryGetAttribute(StunAttributeType.ErrorCode, out var memory) || memory.Length < 4)
        {
            return false;
        }

        var value = memory.Span;
        var @class = value[2] & 0x07;
        var number = value[3];
        if (@class is < 3 or > 6 || number > 99 || !Utf8.IsValid(value[4..]))
        {
            return false;
        }

        code = (@class * 100) + number;
        reason = Encoding.UTF8.GetString(value[4..]);
        return true;
    }

    /// <summary>TryGetUnknownAttributes reads UNKNOWN-ATTRIBUTES (RFC 8489 §14.13).</summary>
    /// <param name="types">The attribute types listed, in order.</param>
    /// <returns>False when absent or of odd length.</returns>
    public bool TryGetUnknownAttributes([NotNullWhen(true)] out StunAttributeType[]? types)
    {
        types = null;
        if (!TryGetAttribute(StunAttributeType.UnknownAttributes, out var memory) || (memory.Length & 1) != 0)
        {
            return false;
        }

        var value = memory.Span;
        types = new StunAttributeType[value.Length / 2];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = (StunAttributeType)BinaryPrimitives.ReadUInt16BigEndian(value[(2 * i)..]);
        }

        return true;
    }

    /// <summary>TryGetPriority reads PRIORITY (RFC 8445 §7.1.1).</summary>
    /// <param name="priority">The 32-bit candidate priority.</param>
    /// <returns>False when absent or not exactly 4 bytes.</returns>
    public bool TryGetPriority(out uint priority)
    {
        priority = 0;
        if (!TryGetAttribute(StunAttributeType.Priority, out var value) || value.Length != 4)
        {
            return false;
        }

        priority = BinaryPrimitives.ReadUInt32BigEndian(value.Span);
        return true;
    }

    /// <summary>TryGetIceControlling reads ICE-CONTROLLING (RFC 8445 §7.1.3).</summary>
    /// <param name="tieBreaker">The sender's 64-bit tiebreaker.</param>
    /// <returns>False when absent or not exactly 8 bytes.</returns>
    public bool TryGetIceControlling(out ulong tieBreaker) =>
        TryGetUInt64(StunAttributeType.IceControlling, out tieBreaker);

    /// <summary>TryGetIceControlled reads ICE-CONTROLLED (RFC 8445 §7.1.3).</summary>
    /// <param name="tieBreaker">The sender's 64-bit tiebreaker.</param>
    /// <returns>False when absent or not exactly 8 bytes.</returns>
    public bool TryGetIceControlled(out ulong tieBreaker) =>
        TryGetUInt64(StunAttributeType.IceControlled, out tieBreaker);

    /// <summary>
    /// VerifyMessageIntegrity checks MESSAGE-INTEGRITY (RFC 8489 §14.5): the HMAC-SHA1, keyed
    /// with <paramref name="key"/>, of the message up to the attribute, with the header's length
    /// field set as if the message ended right after MESSAGE-INTEGRITY.
    /// </summary>
    /// <param name="key">For short-term credentials (ICE) the password's bytes (RFC 8489 §9.1.1,
    /// OpaqueString of an ASCII ice-char password is itself); for long-term ones
    /// MD5(username ":" realm ":" password) (§9.2.2).</param>
    /// <returns>False when MESSAGE-INTEGRITY is absent, not 20 bytes, or does not match; compared
    /// in constant time.</returns>
    public bool VerifyMessageIntegrity(ReadOnlySpan<byte> key) =>
        messageIntegrityOffset >= 0
        && VerifyHmac(HashAlgorithmName.SHA1, messageIntegrityOffset, MessageIntegrityLength, MessageIntegrityLength, key);

    /// <summary>
    /// VerifyMessageIntegritySha256 checks MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6): as
    /// <see cref="VerifyMessageIntegrity"/> with HMAC-SHA256, possibly truncated to 16..32 bytes.
    /// </summary>
    /// <param name="key">The key, as for <see cref="VerifyMessageIntegrity"/>.</param>
    /// <returns>False when the attribute is absent, its length is not a multiple of 4 in 16..32,
    /// or it does not match.</returns>
    public bool VerifyMessageIntegritySha256(ReadOnlySpan<byte> key) =>
        messageIntegritySha256Offset >= 0
        && VerifyHmac(HashAlgorithmName.SHA256, messageIntegritySha256Offset, 16, 32, key);

    /// <summary>
    /// VerifyFingerprint checks FINGERPRINT (RFC 8489 §14.7): the CRC-32 of the message up to the
    /// attribute, length field included as sent, XOR 0x5354554E.
    /// </summary>
    /// <returns>False when FINGERPRINT is absent, not 4 bytes, or does not match.</returns>
    public bool VerifyFingerprint()
    {
        if (fingerprintOffset < 0)
        {
            return false;
        }

        var value = raw.AsSpan(fingerprintOffset + AttributeHeaderLength);
        if (BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(fingerprintOffset + 2)) != FingerprintLength)
        {
            return false;
        }

        // FINGERPRINT is last (the parser refuses anything after it), so the length field
        // already counts it, as §14.7 requires of the value the CRC covers.
        var expected = Crc32.HashToUInt32(raw.AsSpan(0, fingerprintOffset)) ^ FingerprintXor;
        return BinaryPrimitives.ReadUInt32BigEndian(value) == expected;
    }

    /// <summary>ToString gives type, transaction id and attribute types, for logs.</summary>
    /// <returns>For example "Binding Request (0x0001) B7E7A701BC34D686FA87DFAE [Software, Priority]".</returns>
    public override string ToString() =>
        $"{Type} {TransactionId} [{string.Join(", ", attributes.Select(a => a.Type))}]";

    private bool VerifyHmac(HashAlgorithmName algorithm, int offset, int minimum, int maximum, ReadOnlySpan<byte> key)
    {
        var expected = raw.AsSpan(offset + AttributeHeaderLength,
            BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(offset + 2)));
        if (expected.Length < minimum || expected.Length > maximum || (expected.Length & 3) != 0)
        {
            return false;
        }

        // §14.5: "the length MUST then be set to point to the length of the message up to, and
        // including, the MESSAGE-INTEGRITY attribute itself, but excluding any attributes after
        // it". The HMAC input is the header with that length, then the attributes before.
        Span<byte> header = stackalloc byte[HeaderLength];
        raw.AsSpan(0, HeaderLength).CopyTo(header);
        BinaryPrimitives.WriteUInt16BigEndian(
            header[2..], (ushort)(offset - HeaderLength + AttributeHeaderLength + expected.Length));
        using var hmac = IncrementalHash.CreateHMAC(algorithm, key);
        hmac.AppendData(header);
        hmac.AppendData(raw.AsSpan(HeaderLength, offset - HeaderLength));
        Span<byte> mac = stackalloc byte[32];
        hmac.TryGetHashAndReset(mac, out _);
        return CryptographicOperations.FixedTimeEquals(mac[..expected.Length], expected);
    }

    private bool TryGetUInt64(StunAttributeType type, out ulong result)
    {
        result = 0;
        if (!TryGetAttribute(type, out var value) || value.Length != 8)
        {
            return false;
        }

        result = BinaryPrimitives.ReadUInt64BigEndian(value.Span);
        return true;
    }

    private bool TryGetUtf8(StunAttributeType type, [NotNullWhen(true)] out string? text)
    {
        text = null;
        if (!TryGetAttribute(type, out var value) || !Utf8.IsValid(value.Span))
        {
            return false;
        }

        text = Encoding.UTF8.GetString(value.Span);
        return true;
    }
}
