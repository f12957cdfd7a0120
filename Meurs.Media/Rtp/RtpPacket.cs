using System.Buffers.Binary;

namespace Meurs.Media.Rtp;

/// <summary>
/// RtpPacket is a validated view of one RTP packet (RFC 3550 §5.1) over the caller's bytes: the
/// fixed header, CSRC list, header extension (RFC 3550 §5.3.1, elements per RFC 8285), payload and
/// padding, located once by <see cref="TryParse"/> and read without copying.
/// </summary>
/// <remarks>
/// The view borrows the span it was parsed from, so it is valid only as long as that buffer is
/// unchanged. The static setters rewrite header fields in place, which is what an SFU does to
/// every forwarded packet; they never move bytes, so a view parsed before them still holds.
/// </remarks>
public readonly ref struct RtpPacket
{
    /// <summary>FixedHeaderLength is the size of the header before the CSRC list, in bytes.</summary>
    public const int FixedHeaderLength = 12;

    /// <summary>Version is the only RTP version defined (RFC 3550 §5.1).</summary>
    public const int Version = 2;

    /// <summary>MaxCsrcCount is the most CSRCs the 4-bit CC field can announce.</summary>
    public const int MaxCsrcCount = 15;

    private readonly ReadOnlySpan<byte> _packet;
    private readonly int _extensionOffset;
    private readonly int _extensionLength;
    private readonly int _payloadOffset;
    private readonly int _paddingLength;

    private RtpPacket(
        ReadOnlySpan<byte> packet, int extensionOffset, int extensionLength, int payloadOffset, int paddingLength)
    {
        _packet = packet;
        _extensionOffset = extensionOffset;
        _extensionLength = extensionLength;
        _payloadOffset = payloadOffset;
        _paddingLength = paddingLength;
    }

    /// <summary>Data is the whole packet as parsed, header to last padding byte.</summary>
    public ReadOnlySpan<byte> Data => _packet;

    /// <summary>HasPadding is the P bit: the packet ends with <see cref="PaddingLength"/> padding bytes.</summary>
    public bool HasPadding => (_packet[0] & 0x20) != 0;

    /// <summary>HasExtension is the X bit: a header extension follows the CSRC list.</summary>
    public bool HasExtension => (_packet[0] & 0x10) != 0;

    /// <summary>CsrcCount is the CC field, 0..15.</summary>
    public int CsrcCount => _packet[0] & 0x0F;

    /// <summary>Marker is the M bit; its meaning is set by the profile (end of a video frame, start of a talkspurt).</summary>
    public bool Marker => (_packet[1] & 0x80) != 0;

    /// <summary>PayloadType is the 7-bit PT field, 0..127.</summary>
    public byte PayloadType => (byte)(_packet[1] & 0x7F);

    /// <summary>SequenceNumber is the 16-bit sequence number; it wraps.</summary>
    public ushort SequenceNumber => BinaryPrimitives.ReadUInt16BigEndian(_packet[2..]);

    /// <summary>Timestamp is the 32-bit RTP timestamp in the payload format's clock rate; it wraps.</summary>
    public uint Timestamp => BinaryPrimitives.ReadUInt32BigEndian(_packet[4..]);

    /// <summary>Ssrc is the synchronization source identifier.</summary>
    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(_packet[8..]);

    /// <summary>
    /// HeaderLength is the size in bytes of everything before the payload: fixed header, CSRCs
    /// and the whole header extension including its 4-byte preamble.
    /// </summary>
    public int HeaderLength => _payloadOffset;

    /// <summary>
    /// ExtensionProfile is the 16-bit "defined by profile" field of the header extension: 0xBEDE
    /// for RFC 8285 one-byte elements, 0x100X for two-byte elements; 0 when there is no extension.
    /// </summary>
    public ushort ExtensionProfile =>
        HasExtension ? BinaryPrimitives.ReadUInt16BigEndian(_packet[(_extensionOffset - 4)..]) : (ushort)0;

    /// <summary>
    /// ExtensionData is the header extension body after its 4-byte preamble, a multiple of 4
    /// bytes long; empty when there is no extension.
    /// </summary>
    public ReadOnlySpan<byte> ExtensionData => _packet.Slice(_extensionOffset, _extensionLength);

    /// <summary>
    /// ExtensionDataOffset is where <see cref="ExtensionData"/> starts within <see cref="Data"/>,
    /// for writers that patch an element in place.
    /// </summary>
    public int ExtensionDataOffset => _extensionOffset;

    /// <summary>Payload is the bytes between the header and the padding.</summary>
    public ReadOnlySpan<byte> Payload => _packet[_payloadOffset..^_paddingLength];

    /// <summary>PaddingLength is the number of padding bytes at the end, the last included; 0 without the P bit.</summary>
    public int PaddingLength => _paddingLength;

    /// <summary>Extensions enumerates the RFC 8285 elements of the header extension (none for other profiles).</summary>
    public RtpHeaderExtensionEnumerator Extensions =>
        new(ExtensionProfile, ExtensionData, _extensionOffset);

    /// <summary>GetCsrc returns the CSRC at <paramref name="index"/>, 0 ≤ index &lt; <see cref="CsrcCount"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the CSRC list.</exception>
    public uint GetCsrc(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, CsrcCount);
        return BinaryPrimitives.ReadUInt32BigEndian(_packet[(FixedHeaderLength + 4 * index)..]);
    }

    /// <summary>
    /// TryGetExtension finds the first RFC 8285 element with local identifier <paramref name="id"/>.
    /// </summary>
    /// <returns>True with the element's data; false when absent, when the extension is not RFC
    /// 8285, or when a malformed element precedes it.</returns>
    public bool TryGetExtension(byte id, out ReadOnlySpan<byte> data)
    {
        foreach (var element in Extensions)
        {
            if (element.Id == id)
            {
                data = element.Data;
                return true;
            }
        }

        data = default;
        return false;
    }

    /// <summary>
    /// ToHeader copies the header fields into an <see cref="RtpHeader"/> for
    /// <see cref="RtpPacketWriter"/>; the extension body is copied verbatim.
    /// </summary>
    public RtpHeader ToHeader()
    {
        var csrcs = new uint[CsrcCount];
        for (var i = 0; i < csrcs.Length; i++)
        {
            csrcs[i] = GetCsrc(i);
        }

        return new RtpHeader
        {
            Marker = Marker,
            PayloadType = PayloadType,
            SequenceNumber = SequenceNumber,
            Timestamp = Timestamp,
            Ssrc = Ssrc,
            Csrcs = csrcs,
            HasExtension = HasExtension,
            ExtensionProfile = ExtensionProfile,
            ExtensionData = ExtensionData.ToArray(),
        };
    }

    /// <summary>
    /// TryParse validates <paramref name="packet"/> as one whole RTP packet.
    /// </summary>
    /// <param name="packet">The packet, first byte to last; after SRTP unprotection when encrypted.</param>
    /// <param name="result">The view on success; default otherwise.</param>
    /// <returns>
    /// False when the packet is shorter than 12 bytes, the version is not 2, the CSRC list or
    /// header extension runs past the end, or the padding count is 0 or longer than what follows
    /// the header. Never throws.
    /// </returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, out RtpPacket result)
    {
        //  0                   1                   2                   3
        //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |V=2|P|X|  CC   |M|     PT      |       sequence number         |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |                           timestamp                           |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |           synchronization source (SSRC) identifier            |
        // +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
        // |            contributing source (CSRC) identifiers             |
        // |                             ....                              |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |      defined by profile       |           length              |  if X (§5.3.1)
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |                        header extension                       |
        // |                             ....                              |
        result = default;
        if (packet.Length < FixedHeaderLength || packet[0] >> 6 != Version)
        {
            return false;
        }

        var offset = FixedHeaderLength + 4 * (packet[0] & 0x0F);
        if (offset > packet.Length)
        {
            return false;
        }

        int extensionOffset = offset;
        var extensionLength = 0;
        if ((packet[0] & 0x10) != 0)
        {
            if (offset + 4 > packet.Length)
            {
                return false;
            }

            // The length counts 32-bit words after the preamble, so zero is valid (§5.3.1).
            extensionLength = 4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]);
            extensionOffset = offset + 4;
            offset = extensionOffset + extensionLength;
            if (offset > packet.Length)
            {
                return false;
            }
        }

        var paddingLength = 0;
        if ((packet[0] & 0x20) != 0)
        {
            // §5.1: the last octet counts the padding including itself, so 0 is impossible, and
            // padding cannot reach back into the header.
            paddingLength = packet[^1];
            if (paddingLength == 0 || paddingLength > packet.Length - offset)
            {
                return false;
            }
        }

        result = new RtpPacket(packet, extensionOffset, extensionLength, offset, paddingLength);
        return true;
    }

    /// <summary>SetSequenceNumber overwrites the sequence number in place.</summary>
    /// <returns>False, writing nothing, when the buffer is shorter than the fixed header.</returns>
    public static bool SetSequenceNumber(Span<byte> packet, ushort sequenceNumber)
    {
        if (packet.Length < FixedHeaderLength)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], sequenceNumber);
        return true;
    }

    /// <summary>SetTimestamp overwrites the RTP timestamp in place.</summary>
    /// <returns>False, writing nothing, when the buffer is shorter than the fixed header.</returns>
    public static bool SetTimestamp(Span<byte> packet, uint timestamp)
    {
        if (packet.Length < FixedHeaderLength)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], timestamp);
        return true;
    }

    /// <summary>SetSsrc overwrites the SSRC in place.</summary>
    /// <returns>False, writing nothing, when the buffer is shorter than the fixed header.</returns>
    public static bool SetSsrc(Span<byte> packet, uint ssrc)
    {
        if (packet.Length < FixedHeaderLength)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], ssrc);
        return true;
    }

    /// <summary>SetPayloadType overwrites the 7-bit payload type in place, keeping the marker bit.</summary>
    /// <returns>False, writing nothing, when the buffer is shorter than the fixed header or the type exceeds 127.</returns>
    public static bool SetPayloadType(Span<byte> packet, byte payloadType)
    {
        if (packet.Length < FixedHeaderLength || payloadType > 127)
        {
            return false;
        }

        packet[1] = (byte)((packet[1] & 0x80) | payloadType);
        return true;
    }

    /// <summary>SetMarker overwrites the M bit in place.</summary>
    /// <returns>False, writing nothing, when the buffer is shorter than the fixed header.</returns>
    public static bool SetMarker(Span<byte> packet, bool marker)
    {
        if (packet.Length < FixedHeaderLength)
        {
            return false;
        }

        packet[1] = (byte)((packet[1] & 0x7F) | (marker ? 0x80 : 0));
        return true;
    }

    /// <summary>
    /// TrySetExtension overwrites the data of the first RFC 8285 element with local identifier
    /// <paramref name="id"/> in place, as an SFU does to abs-send-time and the transport-wide
    /// sequence number on every forwarded packet.
    /// </summary>
    /// <param name="packet">A whole RTP packet, as for <see cref="TryParse"/>.</param>
    /// <param name="id">The element's local identifier.</param>
    /// <param name="value">The new data. It may be shorter than the element's: the length field
    /// is then lowered and the freed bytes become zero padding, which RFC 8285 §4.2/§4.3 allow
    /// between elements. A one-byte element cannot shrink to zero bytes.</param>
    /// <returns>False, writing nothing, when the packet does not parse, the element is absent,
    /// or the value does not fit.</returns>
    public static bool TrySetExtension(Span<byte> packet, byte id, ReadOnlySpan<byte> value)
    {
        if (!TryParse(packet, out var parsed))
        {
            return false;
        }

        foreach (var element in parsed.Extensions)
        {
            if (element.Id != id)
            {
                continue;
            }

            var length = element.Data.Length;
            var oneByte = element.IsOneByte;
            if (value.Length > length || (oneByte && value.IsEmpty))
            {
                return false;
            }

            var dataOffset = element.Offset;
            if (value.Length != length)
            {
                if (oneByte)
                {
                    packet[dataOffset - 1] = (byte)((id << 4) | (value.Length - 1));
                }
                else
                {
                    packet[dataOffset - 1] = (byte)value.Length;
                }

                packet.Slice(dataOffset + value.Length, length - value.Length).Clear();
            }

            value.CopyTo(packet[dataOffset..]);
            return true;
        }

        return false;
    }
}
