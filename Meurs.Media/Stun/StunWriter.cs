using System.Buffers.Binary;
using System.IO.Hashing;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Meurs.Media.Stun;

/// <summary>
/// StunWriter serializes one STUN message (RFC 8489 §5, §14) into a caller's buffer: the header
/// first, then attributes in the order added, keeping the header's length field current so that
/// MESSAGE-INTEGRITY and FINGERPRINT, added last, cover what precedes them.
/// </summary>
/// <remarks>
/// Order rules (RFC 8489 §14.5..§14.7): after MESSAGE-INTEGRITY only MESSAGE-INTEGRITY-SHA256 or
/// FINGERPRINT may follow, after MESSAGE-INTEGRITY-SHA256 only FINGERPRINT, after FINGERPRINT
/// nothing; breaking one throws <see cref="InvalidOperationException"/>. A buffer too small for
/// the next attribute, or a message over 65,535 bytes of attributes, throws
/// <see cref="ArgumentException"/>. Both are caller errors, independent of received data.
/// </remarks>
public ref struct StunWriter
{
    private const int MaxMessageLength = 0xFFFC;

    private readonly Span<byte> buffer;
    private readonly StunTransactionId transactionId;
    private readonly byte paddingByte;
    private int position;
    private Stage stage;

    /// <summary>
    /// Starts a message by writing its 20-byte header with length 0.
    /// </summary>
    /// <param name="destination">Where the message goes; at least 20 bytes.</param>
    /// <param name="type">Class and method.</param>
    /// <param name="transactionId">The id; a response copies the request's.</param>
    /// <param name="paddingByte">The value of the bytes padding each attribute to a multiple of 4.
    /// RFC 8489 §14 lets senders choose and receivers ignore it; 0 is usual, and RFC 5769's
    /// vectors use 0x20.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than 20 bytes.</exception>
    public StunWriter(
        Span<byte> destination, StunMessageType type, StunTransactionId transactionId, byte paddingByte = 0)
    {
        if (destination.Length < StunMessage.HeaderLength)
        {
            throw new ArgumentException("The buffer cannot hold a STUN header.", nameof(destination));
        }

        buffer = destination;
        this.transactionId = transactionId;
        this.paddingByte = paddingByte;
        BinaryPrimitives.WriteUInt16BigEndian(buffer, type.ToValue());
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], StunMessage.MagicCookie);
        transactionId.CopyTo(buffer[8..]);
        position = StunMessage.HeaderLength;
    }

    private enum Stage
    {
        Open,
        AfterIntegrity,
        AfterIntegritySha256,
        AfterFingerprint,
    }

    /// <summary>Length is the number of bytes written so far: the whole message once the last attribute is in.</summary>
    public readonly int Length => position;

    /// <summary>Written is the message so far, a slice of the destination.</summary>
    public readonly ReadOnlySpan<byte> Written => buffer[..position];

    /// <summary>ToArray copies the message so far.</summary>
    /// <returns>A new array of <see cref="Length"/> bytes.</returns>
    public readonly byte[] ToArray() => Written.ToArray();

    /// <summary>AddAttribute appends any attribute as given, padded to a multiple of 4.</summary>
    /// <param name="type">Any 16-bit type; MESSAGE-INTEGRITY(-SHA256) and FINGERPRINT written this
    /// way are taken as given (no computation) but still close the message as the order rules
    /// say.</param>
    /// <param name="value">0..65535 bytes.</param>
    /// <exception cref="InvalidOperationException">The order rules forbid another attribute here.</exception>
    /// <exception cref="ArgumentException">The buffer or the 16-bit length field cannot hold it.</exception>
    public void AddAttribute(StunAttributeType type, ReadOnlySpan<byte> value)
    {
        value.CopyTo(Begin(type, value.Length));
        End(value.Length);
    }

    /// <summary>AddUsername appends USERNAME (RFC 8489 §14.3); ICE's is "receiver-ufrag:sender-ufrag".</summary>
    /// <param name="username">The username, encoded as UTF-8.</param>
    public void AddUsername(string username) => AddUtf8(StunAttributeType.Username, username);

    /// <summary>AddSoftware appends SOFTWARE (RFC 8489 §14.14).</summary>
    /// <param name="software">The description, encoded as UTF-8.</param>
    public void AddSoftware(string software) => AddUtf8(StunAttributeType.Software, software);

    /// <summary>AddXorMappedAddress appends XOR-MAPPED-ADDRESS (RFC 8489 §14.2).</summary>
    /// <param name="endPoint">The reflexive transport address; an IPv4-mapped IPv6 address is
    /// written as IPv4.</param>
    public void AddXorMappedAddress(IPEndPoint endPoint) => AddAddress(StunAttributeType.XorMappedAddress, endPoint, xor: true);

    /// <summary>AddMappedAddress appends MAPPED-ADDRESS (RFC 8489 §14.1).</summary>
    /// <param name="endPoint">The reflexive transport address; an IPv4-mapped IPv6 address is
    /// written as IPv4.</param>
    public void AddMappedAddress(IPEndPoint endPoint) => AddAddress(StunAttributeType.MappedAddress, endPoint, xor: false);

    /// <summary>AddErrorCode appends ERROR-CODE (RFC 8489 §14.8).</summary>
    /// <param name="code">300..699.</param>
    /// <param name="reason">The reason phrase, encoded as UTF-8; RFC 8489 caps it at 128
    /// characters.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="code"/> is outside 300..699.</exception>
    public void AddErrorCode(int code, string reason)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(code, 300);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 699);
        ArgumentNullException.ThrowIfNull(reason);
        var reasonLength = Encoding.UTF8.GetByteCount(reason);
        var value = Begin(StunAttributeType.ErrorCode, 4 + reasonLength);
        value[0] = 0;
        value[1] = 0;
        value[2] = (byte)(code / 100);
        value[3] = (byte)(code % 100);
        Encoding.UTF8.GetBytes(reason, value[4..]);
        End(4 + reasonLength);
    }

    /// <summary>AddUnknownAttributes appends UNKNOWN-ATTRIBUTES (RFC 8489 §14.13).</summary>
    /// <param name="types">The types not understood.</param>
    public void AddUnknownAttributes(ReadOnlySpan<StunAttributeType> types)
    {
        var value = Begin(StunAttributeType.UnknownAttributes, 2 * types.Length);
        for (var i = 0; i < types.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(value[(2 * i)..], (ushort)types[i]);
        }

        End(2 * types.Length);
    }

    /// <summary>AddPriority appends PRIORITY (RFC 8445 §7.1.1).</summary>
    /// <param name="priority">The candidate priority.</param>
    public void AddPriority(uint priority)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Begin(StunAttributeType.Priority, 4), priority);
        End(4);
    }

    /// <summary>AddUseCandidate appends the empty USE-CANDIDATE flag (RFC 8445 §7.1.2).</summary>
    public void AddUseCandidate()
    {
        Begin(StunAttributeType.UseCandidate, 0);
        End(0);
    }

    /// <summary>AddIceControlling appends ICE-CONTROLLING (RFC 8445 §7.1.3).</summary>
    /// <param name="tieBreaker">The sender's tiebreaker.</param>
    public void AddIceControlling(ulong tieBreaker) => AddUInt64(StunAttributeType.IceControlling, tieBreaker);

    /// <summary>AddIceControlled appends ICE-CONTROLLED (RFC 8445 §7.1.3).</summary>
    /// <param name="tieBreaker">The sender's tiebreaker.</param>
    public void AddIceControlled(ulong tieBreaker) => AddUInt64(StunAttributeType.IceControlled, tieBreaker);

    /// <summary>
    /// AddMessageIntegrity appends MESSAGE-INTEGRITY: HMAC-SHA1 of the message so far with the
    /// length field counting this attribute (RFC 8489 §14.5).
    /// </summary>
    /// <param name="key">The password's bytes for short-term credentials (ICE).</param>
    public void AddMessageIntegrity(ReadOnlySpan<byte> key) =>
        AddHmac(StunAttributeType.MessageIntegrity, HashAlgorithmName.SHA1, StunMessage.MessageIntegrityLength, key);

    /// <summary>
    /// AddMessageIntegritySha256 appends a full 32-byte MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6).
    /// </summary>
    /// <param name="key">The key, as for <see cref="AddMessageIntegrity"/>.</param>
    public void AddMessageIntegritySha256(ReadOnlySpan<byte> key) =>
        AddHmac(StunAttributeType.MessageIntegritySha256, HashAlgorithmName.SHA256, 32, key);

    /// <summary>
    /// AddFingerprint appends FINGERPRINT, which ends the message: CRC-32 of the message so far,
    /// with the length field counting this attribute, XOR 0x5354554E (RFC 8489 §14.7).
    /// </summary>
    public void AddFingerprint()
    {
        var value = Begin(StunAttributeType.Fingerprint, StunMessage.FingerprintLength);
        SetLength(position + StunMessage.AttributeHeaderLength + StunMessage.FingerprintLength);
        var crc = Crc32.HashToUInt32(buffer[..position]) ^ StunMessage.FingerprintXor;
        BinaryPrimitives.WriteUInt32BigEndian(value, crc);
        End(StunMessage.FingerprintLength);
    }

    private void AddHmac(StunAttributeType type, HashAlgorithmName algorithm, int length, ReadOnlySpan<byte> key)
    {
        var value = Begin(type, length);
        SetLength(position + StunMessage.AttributeHeaderLength + length);
        Span<byte> mac = stackalloc byte[32];
        using (var hmac = IncrementalHash.CreateHMAC(algorithm, key))
        {
            hmac.AppendData(buffer[..position]);
            hmac.TryGetHashAndReset(mac, out _);
        }

        mac[..length].CopyTo(value);
        End(length);
    }

    private void AddUtf8(StunAttributeType type, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = Encoding.UTF8.GetByteCount(text);
        Encoding.UTF8.GetBytes(text, Begin(type, length));
        End(length);
    }

    private void AddAddress(StunAttributeType type, IPEndPoint endPoint, bool xor)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var length = StunAddressCodec.ValueLength(endPoint);
        StunAddressCodec.Write(Begin(type, length), endPoint, xor, transactionId);
        End(length);
    }

    private void AddUInt64(StunAttributeType type, ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(Begin(type, 8), value);
        End(8);
    }

    // Checks order and room, writes the attribute header, and returns the value's slot.
    private Span<byte> Begin(StunAttributeType type, int length)
    {
        var allowed = stage switch
        {
            Stage.Open => true,
            Stage.AfterIntegrity => type is StunAttributeType.MessageIntegritySha256 or StunAttributeType.Fingerprint,
            Stage.AfterIntegritySha256 => type is StunAttributeType.Fingerprint,
            _ => false,
        };
        if (!allowed)
        {
            throw new InvalidOperationException(
                $"{type} cannot follow {(stage == Stage.AfterFingerprint ? "FINGERPRINT" : "MESSAGE-INTEGRITY")} (RFC 8489 §14.5-§14.7).");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, ushort.MaxValue);
        var padded = (length + 3) & ~3;
        var end = position + StunMessage.AttributeHeaderLength + padded;
        if (end - StunMessage.HeaderLength > MaxMessageLength)
        {
            throw new ArgumentException("A STUN message holds at most 65,532 bytes of attributes.", nameof(length));
        }

        if (end > buffer.Length)
        {
            throw new ArgumentException($"The buffer cannot hold the {type} attribute.", nameof(length));
        }

        BinaryPrimitives.WriteUInt16BigEndian(buffer[position..], (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[(position + 2)..], (ushort)length);
        stage = type switch
        {
            StunAttributeType.MessageIntegrity => Stage.AfterIntegrity,
            StunAttributeType.MessageIntegritySha256 => Stage.AfterIntegritySha256,
            StunAttributeType.Fingerprint => Stage.AfterFingerprint,
            _ => stage,
        };
        return buffer.Slice(position + StunMessage.AttributeHeaderLength, length);
    }

    // Pads the value just written and moves past it.
    private void End(int length)
    {
        var padded = (length + 3) & ~3;
        var start = position + StunMessage.AttributeHeaderLength;
        buffer.Slice(start + length, padded - length).Fill(paddingByte);
        position = start + padded;
        SetLength(position);
    }

    private readonly void SetLength(int end) =>
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], (ushort)(end - StunMessage.HeaderLength));
}
