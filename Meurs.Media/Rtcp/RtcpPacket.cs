using System.Buffers.Binary;

namespace Meurs.Media.Rtcp;

/// <summary>
/// RtcpPacket is a validated view of one RTCP packet's common header (RFC 3550 §6.4.1) over the
/// caller's bytes, with the padding located; the typed parsers (<see cref="SenderReport"/>,
/// <see cref="GenericNack"/>, ...) read the body.
/// </summary>
public readonly ref struct RtcpPacket
{
    /// <summary>HeaderLength is the size of the common header in bytes.</summary>
    public const int HeaderLength = 4;

    /// <summary>Version is the only RTCP version defined.</summary>
    public const int Version = 2;

    private RtcpPacket(ReadOnlySpan<byte> data, int paddingLength)
    {
        Data = data;
        PaddingLength = paddingLength;
    }

    /// <summary>Data is the whole packet, header to last padding byte: (length + 1) * 4 bytes.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>PaddingLength is the number of padding bytes at the end, the last included; 0 without the P bit.</summary>
    public int PaddingLength { get; }

    /// <summary>HasPadding is the P bit.</summary>
    public bool HasPadding => (Data[0] & 0x20) != 0;

    /// <summary>Count is the 5-bit field after P: a report or source count, or the feedback message type (FMT).</summary>
    public int Count => Data[0] & 0x1F;

    /// <summary>PacketType is the PT field.</summary>
    public RtcpPacketType PacketType => (RtcpPacketType)Data[1];

    /// <summary>Length is the length field: the packet's size in 32-bit words minus one.</summary>
    public int Length => BinaryPrimitives.ReadUInt16BigEndian(Data[2..]);

    /// <summary>Payload is the bytes after the common header, padding excluded.</summary>
    public ReadOnlySpan<byte> Payload => Data[HeaderLength..^PaddingLength];

    /// <summary>
    /// TryReadFirst validates the first packet of a compound packet.
    /// </summary>
    /// <param name="buffer">One or more RTCP packets back to back.</param>
    /// <param name="packet">The first packet; its <see cref="Data"/> length tells where the next starts.</param>
    /// <returns>False when fewer than 4 bytes remain, the version is not 2, the length field
    /// points past the end of the buffer, or the padding count is 0 or longer than the body.
    /// Never throws.</returns>
    public static bool TryReadFirst(ReadOnlySpan<byte> buffer, out RtcpPacket packet)
    {
        //  0                   1                   2                   3
        //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |V=2|P|  Count  |      PT       |             length            |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        packet = default;
        if (buffer.Length < HeaderLength || buffer[0] >> 6 != Version)
        {
            return false;
        }

        var length = (BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]) + 1) * 4;
        if (length > buffer.Length)
        {
            return false;
        }

        var data = buffer[..length];
        var paddingLength = 0;
        if ((data[0] & 0x20) != 0)
        {
            // RFC 3550 §6.4.1: the last octet counts the padding including itself.
            paddingLength = data[^1];
            if (paddingLength == 0 || paddingLength > length - HeaderLength)
            {
                return false;
            }
        }

        packet = new RtcpPacket(data, paddingLength);
        return true;
    }

    /// <summary>
    /// TryParse validates <paramref name="packet"/> as exactly one RTCP packet.
    /// </summary>
    /// <returns>As <see cref="TryReadFirst"/>, and false when bytes follow the packet.</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, out RtcpPacket result) =>
        TryReadFirst(packet, out result) && result.Data.Length == packet.Length;
}
