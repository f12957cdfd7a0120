using System.Buffers.Binary;

namespace Meurs.Media.Rtp;

/// <summary>
/// RtpPacketWriter serializes an <see cref="RtpHeader"/>, a payload and optional padding into an
/// RTP packet (RFC 3550 §5.1), the inverse of <see cref="RtpPacket.TryParse"/>.
/// </summary>
public static class RtpPacketWriter
{
    /// <summary>
    /// GetLength is the size in bytes of the packet <see cref="TryWrite"/> would write.
    /// </summary>
    /// <returns>The length, or -1 when the header or padding length is invalid.</returns>
    public static int GetLength(RtpHeader header, int payloadLength, int paddingLength)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (!IsValid(header) || payloadLength < 0 || paddingLength is < 0 or > 255)
        {
            return -1;
        }

        var extension = header.HasExtension ? 4 + header.ExtensionData.Length : 0;
        return RtpPacket.FixedHeaderLength + 4 * header.Csrcs.Count + extension + payloadLength + paddingLength;
    }

    /// <summary>
    /// TryWrite writes the packet into <paramref name="destination"/>.
    /// </summary>
    /// <param name="destination">Where to write; at least <see cref="GetLength"/> bytes.</param>
    /// <param name="header">The header fields.</param>
    /// <param name="payload">The payload bytes.</param>
    /// <param name="paddingLength">0 for none, or 1..255 padding bytes: zeros ending with the count, and the P bit set.</param>
    /// <param name="written">The bytes written; 0 on failure.</param>
    /// <returns>False when the destination is too small, there are more than 15 CSRCs, the
    /// payload type exceeds 127, the extension body is not whole 32-bit words or exceeds 65535
    /// words, or the padding length is outside 0..255.</returns>
    public static bool TryWrite(
        Span<byte> destination, RtpHeader header, ReadOnlySpan<byte> payload, int paddingLength, out int written)
    {
        written = 0;
        var length = GetLength(header, payload.Length, paddingLength);
        if (length < 0 || length > destination.Length)
        {
            return false;
        }

        var packet = destination[..length];
        packet[0] = (byte)((RtpPacket.Version << 6)
            | (paddingLength > 0 ? 0x20 : 0)
            | (header.HasExtension ? 0x10 : 0)
            | header.Csrcs.Count);
        packet[1] = (byte)((header.Marker ? 0x80 : 0) | header.PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], header.SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(packet[4..], header.Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], header.Ssrc);
        var offset = RtpPacket.FixedHeaderLength;
        foreach (var csrc in header.Csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(packet[offset..], csrc);
            offset += 4;
        }

        if (header.HasExtension)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet[offset..], header.ExtensionProfile);
            BinaryPrimitives.WriteUInt16BigEndian(packet[(offset + 2)..], (ushort)(header.ExtensionData.Length / 4));
            header.ExtensionData.Span.CopyTo(packet[(offset + 4)..]);
            offset += 4 + header.ExtensionData.Length;
        }

        payload.CopyTo(packet[offset..]);
        offset += payload.Length;
        if (paddingLength > 0)
        {
            packet.Slice(offset, paddingLength - 1).Clear();
            packet[^1] = (byte)paddingLength;
        }

        written = length;
        return true;
    }

    /// <summary>Write returns the packet as a new array.</summary>
    /// <exception cref="ArgumentException">The header or padding length is invalid (see <see cref="TryWrite"/>).</exception>
    public static byte[] Write(RtpHeader header, ReadOnlySpan<byte> payload, int paddingLength = 0)
    {
        var length = GetLength(header, payload.Length, paddingLength);
        if (length < 0)
        {
            throw new ArgumentException("The RTP header or padding length is invalid.", nameof(header));
        }

        var packet = new byte[length];
        TryWrite(packet, header, payload, paddingLength, out _);
        return packet;
    }

    private static bool IsValid(RtpHeader header) =>
        header.PayloadType <= 127
        && header.Csrcs.Count <= RtpPacket.MaxCsrcCount
        && header.ExtensionData.Length % 4 == 0
        && header.ExtensionData.Length / 4 <= ushort.MaxValue
        && (header.HasExtension || header.ExtensionData.IsEmpty);
}
