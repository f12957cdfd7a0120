using System.Diagnostics.CodeAnalysis;

namespace Meurs.Media.Rtcp;

/// <summary>
/// RtcpRawPacket is an RTCP packet of a type Meurs does not decode (APP, XR, other feedback
/// formats), kept as its header fields and body so that it can be forwarded or written back.
/// </summary>
public sealed class RtcpRawPacket : IRtcpPacket
{
    /// <summary>Count is the 5-bit count or FMT field.</summary>
    public int Count { get; init; }

    /// <summary>PacketType is the PT field.</summary>
    public RtcpPacketType PacketType { get; init; }

    /// <summary>Payload is the body after the common header, padding excluded; whole 32-bit words to be written.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>TryParse keeps any well-formed RTCP packet as raw fields.</summary>
    /// <returns>False when the header is malformed (see <see cref="RtcpPacket.TryParse"/>).</returns>
    public static bool TryParse(ReadOnlySpan<byte> packet, [NotNullWhen(true)] out RtcpRawPacket? raw)
    {
        raw = null;
        if (!RtcpPacket.TryParse(packet, out var parsed))
        {
            return false;
        }

        raw = new RtcpRawPacket { Count = parsed.Count, PacketType = parsed.PacketType, Payload = parsed.Payload.ToArray() };
        return true;
    }

    /// <inheritdoc/>
    public int GetLength() =>
        Count is < 0 or > 31 || Payload.Length % 4 != 0
            ? -1
            : RtcpHeader.CheckedLength(RtcpPacket.HeaderLength + Payload.Length);

    /// <inheritdoc/>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        var length = GetLength();
        if (length < 0 || length > destination.Length)
        {
            return false;
        }

        RtcpHeader.Write(destination, Count, PacketType, length);
        Payload.Span.CopyTo(destination[RtcpPacket.HeaderLength..]);
        written = length;
        return true;
    }
}
