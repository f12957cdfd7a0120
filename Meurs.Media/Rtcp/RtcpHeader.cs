using System.Buffers.Binary;

namespace Meurs.Media.Rtcp;

// Shared header and feedback plumbing for the packet types; not part of the public surface.
internal static class RtcpHeader
{
    // RFC 4585 §6.1: common header, SSRC of packet sender, SSRC of media source, then the FCI.
    public const int FeedbackHeaderLength = 12;

    public static void Write(Span<byte> destination, int count, RtcpPacketType type, int length, bool padding = false)
    {
        destination[0] = (byte)((RtcpPacket.Version << 6) | (padding ? 0x20 : 0) | count);
        destination[1] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)(length / 4 - 1));
    }

    public static bool TryParse(ReadOnlySpan<byte> data, RtcpPacketType type, out RtcpPacket packet) =>
        RtcpPacket.TryParse(data, out packet) && packet.PacketType == type;

    public static bool TryParseFeedback(
        ReadOnlySpan<byte> data, RtcpPacketType type, int format,
        out uint senderSsrc, out uint mediaSsrc, out ReadOnlySpan<byte> fci)
    {
        //  0                   1                   2                   3
        //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |V=2|P|   FMT   |       PT      |          length               |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |                  SSRC of packet sender                        |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // |                  SSRC of media source                         |
        // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
        // :            Feedback Control Information (FCI)                 :
        senderSsrc = 0;
        mediaSsrc = 0;
        fci = default;
        if (!TryParse(data, type, out var packet) || packet.Count != format || packet.Payload.Length < 8)
        {
            return false;
        }

        var payload = packet.Payload;
        senderSsrc = BinaryPrimitives.ReadUInt32BigEndian(payload);
        mediaSsrc = BinaryPrimitives.ReadUInt32BigEndian(payload[4..]);
        fci = payload[8..];
        return true;
    }

    public static void WriteFeedback(
        Span<byte> destination, int format, RtcpPacketType type, int length, uint senderSsrc, uint mediaSsrc, bool padding = false)
    {
        Write(destination, format, type, length, padding);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], senderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], mediaSsrc);
    }

    // RTCP lengths are in 32-bit words with a 16-bit field; anything longer cannot be written.
    public static int CheckedLength(int length) => length <= 4 * (ushort.MaxValue + 1) ? length : -1;
}
