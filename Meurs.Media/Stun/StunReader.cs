using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Meurs.Media.Stun;

/// <summary>
/// StunReader parses STUN messages (RFC 8489 §5, §6.3, §14) from received datagrams.
/// </summary>
/// <remarks>
/// Every method returns false on malformed input and never throws, whatever the bytes; the work
/// and allocation are bounded by the datagram's length.
/// </remarks>
public static class StunReader
{
    /// <summary>
    /// TryParse reads a whole STUN message and copies it, so the result outlives the receive
    /// buffer.
    /// </summary>
    /// <param name="datagram">The UDP payload. Bytes past the header's message length are
    /// ignored; fewer is malformed.</param>
    /// <param name="message">The message, or null when the input is not a well-formed STUN
    /// message.</param>
    /// <returns>
    /// False when the datagram is shorter than the 20-byte header, a top bit of the type is set,
    /// the magic cookie is wrong, the length is not a multiple of 4 or exceeds the datagram, an
    /// attribute runs past the end, or any attribute follows FINGERPRINT (RFC 8489 §14.7: it is
    /// last). Attributes after MESSAGE-INTEGRITY other than MESSAGE-INTEGRITY-SHA256 and
    /// FINGERPRINT are dropped from <see cref="StunMessage.Attributes"/>, as RFC 8489 §14.5 tells
    /// receivers to ignore them.
    /// </returns>
    public static bool TryParse(ReadOnlySpan<byte> datagram, [NotNullWhen(true)] out StunMessage? message)
    {
        message = null;
        if (!TryReadHeader(datagram, out var type, out var length, out var transactionId))
        {
            return false;
        }

        var raw = datagram[..(StunMessage.HeaderLength + length)].ToArray();
        var attributes = new List<StunAttribute>();
        var messageIntegrity = -1;
        var messageIntegritySha256 = -1;
        var fingerprint = -1;
        var walker = new AttributeWalker(raw);
        while (walker.TryNext(out var attributeType, out var offset, out var valueLength))
        {
            if (!walker.Covers(attributeType))
            {
                continue;
            }

            switch (attributeType)
            {
                case StunAttributeType.MessageIntegrity:
                    messageIntegrity = offset;
                    break;
                case StunAttributeType.MessageIntegritySha256:
                    messageIntegritySha256 = offset;
                    break;
                case StunAttributeType.Fingerprint:
                    fingerprint = offset;
                    break;
            }

            attributes.Add(new StunAttribute(
                attributeType, raw.AsMemory(offset + StunMessage.AttributeHeaderLength, valueLength)));
        }

        if (walker.Malformed)
        {
            return false;
        }

        message = new StunMessage(
            raw, type, transactionId, [.. attributes], messageIntegrity, messageIntegritySha256, fingerprint);
        return true;
    }

    /// <summary>
    /// TryReadHeader checks and reads the 20-byte STUN header without touching the attributes.
    /// </summary>
    /// <param name="datagram">The UDP payload.</param>
    /// <param name="type">The message type.</param>
    /// <param name="length">The message length: bytes of attributes after the header, a
    /// multiple of 4, no more than the datagram holds.</param>
    /// <param name="transactionId">The 96-bit transaction id.</param>
    /// <returns>False when the header is short or malformed (RFC 8489 §6.3).</returns>
    public static bool TryReadHeader(
        ReadOnlySpan<byte> datagram, out StunMessageType type, out int length, out StunTransactionId transactionId)
    {
        // RFC 8489 §5, Figure 2: Format of STUN Message Header
        //
        //   0                   1                   2                   3
        //   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
        //  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        //  |0 0|     STUN Message Type     |         Message Length        |
        //  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        //  |                         Magic Cookie                          |
        //  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        //  |                                                               |
        //  |                     Transaction ID (96 bits)                  |
        //  |                                                               |
        //  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        type = default;
        length = 0;
        transactionId = default;
        if (datagram.Length < StunMessage.HeaderLength
            || !StunMessageType.TryFromValue(BinaryPrimitives.ReadUInt16BigEndian(datagram), out var parsedType)
            || BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]) != StunMessage.MagicCookie)
        {
            return false;
        }

        // "The message length MUST contain the size of the message in bytes, not including the
        // 20-byte STUN header. Since all STUN attributes are padded to a multiple of 4 bytes,
        // the last 2 bits of this field are always zero."
        int parsedLength = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        if ((parsedLength & 3) != 0 || datagram.Length - StunMessage.HeaderLength < parsedLength)
        {
            return false;
        }

        type = parsedType;
        length = parsedLength;
        transactionId = new StunTransactionId(datagram.Slice(8, StunTransactionId.Length));
        return true;
    }

    /// <summary>
    /// TryFindAttribute finds the first attribute of a type without parsing the whole message or
    /// allocating: for routing a datagram (by USERNAME) before it is handed to its owner.
    /// </summary>
    /// <param name="datagram">The UDP payload.</param>
    /// <param name="type">The attribute type sought.</param>
    /// <param name="value">The value of its first occurrence, without padding, as a slice of
    /// <paramref name="datagram"/>.</param>
    /// <returns>False when the header or the attributes up to the one sought are malformed, or
    /// when no attribute that a receiver would not ignore (RFC 8489 §14.5) has the type.</returns>
    public static bool TryFindAttribute(ReadOnlySpan<byte> datagram, StunAttributeType type, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!TryReadHeader(datagram, out _, out var length, out _))
        {
            return false;
        }

        var walker = new AttributeWalker(datagram[..(StunMessage.HeaderLength + length)]);
        while (walker.TryNext(out var attributeType, out var offset, out var valueLength))
        {
            // Covers must see every attribute, not only matches, to learn where
            // MESSAGE-INTEGRITY is.
            var covered = walker.Covers(attributeType);
            if (attributeType == type && covered)
            {
                value = datagram.Slice(offset + StunMessage.AttributeHeaderLength, valueLength);
                return true;
            }
        }

        return false;
    }

    // Walks the attributes of a message whose header has been checked, keeping track of the
    // ordering rules of RFC 8489 §14.5..§14.7.
    private ref struct AttributeWalker(ReadOnlySpan<byte> message)
    {
        private readonly ReadOnlySpan<byte> message = message;
        private int position = StunMessage.HeaderLength;
        private bool afterIntegrity;
        private bool afterIntegritySha256;
        private bool afterFingerprint;

        public bool Malformed { get; private set; }

        // RFC 8489 §14, Figure 4: Format of STUN Attributes
        //
        //   0                   1                   2                   3
        //   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
        //  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        //  |         Type                  |            Length             |
        //  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        //  |                         Value (variable)                ....
        //  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        //
        // Length excludes the padding to a multiple of 4 that follows the value.
        public bool TryNext(out StunAttributeType type, out int offset, out int length)
        {
            type = default;
            offset = position;
            length = 0;
            if (Malformed || position >= message.Length)
            {
                return false;
            }

            // The message length is a multiple of 4 and so is every padded attribute, so a
            // header that does not fit means a previous attribute ran over.
            if (message.Length - position < StunMessage.AttributeHeaderLength || afterFingerprint)
            {
                Malformed = true;
                return false;
            }

            type = (StunAttributeType)BinaryPrimitives.ReadUInt16BigEndian(message[position..]);
            length = BinaryPrimitives.ReadUInt16BigEndian(message[(position + 2)..]);
            var padded = (length + 3) & ~3;
            if (message.Length - position - StunMessage.AttributeHeaderLength < padded)
            {
                Malformed = true;
                return false;
            }

            position += StunMessage.AttributeHeaderLength + padded;
            return true;
        }

        // Whether the attribute just returned counts: RFC 8489 §14.5 ignores what follows
        // MESSAGE-INTEGRITY except MESSAGE-INTEGRITY-SHA256 and FINGERPRINT, §14.6 ignores what
        // follows MESSAGE-INTEGRITY-SHA256 except FINGERPRINT.
        public bool Covers(StunAttributeType type)
        {
            switch (type)
            {
                case StunAttributeType.Fingerprint:
                    afterFingerprint = true;
                    return true;
                case StunAttributeType.MessageIntegritySha256 when !afterIntegritySha256:
                    afterIntegritySha256 = true;
                    return true;
                case StunAttributeType.MessageIntegrity when !afterIntegrity && !afterIntegritySha256:
                    afterIntegrity = true;
                    return true;
                default:
                    return !afterIntegrity && !afterIntegritySha256;
            }
        }
    }
}
