namespace Meurs.Media.Rtcp;

/// <summary>
/// IRtcpPacket is an RTCP packet that can serialize itself, so that
/// <see cref="RtcpCompoundWriter"/> can stack packets of any type into one compound packet.
/// </summary>
public interface IRtcpPacket
{
    /// <summary>GetLength is the packet's serialized size in bytes, header included; a multiple of 4.</summary>
    /// <returns>The length, or -1 when the packet's fields cannot be serialized (a count or length over its field).</returns>
    int GetLength();

    /// <summary>TryWrite serializes the packet, header included.</summary>
    /// <param name="destination">Where to write.</param>
    /// <param name="written">Bytes written; 0 on failure.</param>
    /// <returns>False when the destination is too small or <see cref="GetLength"/> is -1.</returns>
    bool TryWrite(Span<byte> destination, out int written);
}
