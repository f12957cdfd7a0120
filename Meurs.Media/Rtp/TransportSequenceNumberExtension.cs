using System.Buffers.Binary;

namespace Meurs.Media.Rtp;

/// <summary>
/// TransportSequenceNumberExtension reads and writes the transport-wide sequence number element
/// (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2): 2 bytes, big-endian, counting every
/// packet sent on the transport whatever its SSRC.
/// </summary>
public static class TransportSequenceNumberExtension
{
    /// <summary>DataLength is the element's data size in bytes.</summary>
    public const int DataLength = 2;

    /// <summary>TryRead decodes the sequence number.</summary>
    /// <returns>False unless the data is exactly 2 bytes.</returns>
    public static bool TryRead(ReadOnlySpan<byte> data, out ushort sequenceNumber)
    {
        if (data.Length != DataLength)
        {
            sequenceNumber = 0;
            return false;
        }

        sequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(data);
        return true;
    }

    /// <summary>TryWrite encodes the sequence number.</summary>
    /// <returns>False when the destination is shorter than 2 bytes.</returns>
    public static bool TryWrite(Span<byte> destination, ushort sequenceNumber) =>
        BinaryPrimitives.TryWriteUInt16BigEndian(destination, sequenceNumber);

    /// <summary>
    /// TrySet overwrites the element with local identifier <paramref name="id"/> in an RTP packet
    /// in place, as an SFU does when it renumbers packets for its own transport.
    /// </summary>
    /// <returns>False when the packet does not parse or has no such element of at least 2 bytes.</returns>
    public static bool TrySet(Span<byte> packet, byte id, ushort sequenceNumber)
    {
        Span<byte> data = stackalloc byte[DataLength];
        TryWrite(data, sequenceNumber);
        return RtpPacket.TrySetExtension(packet, id, data);
    }
}
